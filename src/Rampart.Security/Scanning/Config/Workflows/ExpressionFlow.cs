namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// A small parser for the GitHub Actions expression language that answers one question: which
/// context values can flow into the result? <c>github.event.issue.title == 'x'</c> yields a boolean
/// (no flow); <c>format('{0}', github.head_ref)</c> and <c>a || b</c> pass their operands on.
/// Unparsable text falls back to every context reference in it (the safe side).
/// </summary>
internal sealed class ExpressionFlow
{
    private static readonly HashSet<string> BooleanFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "contains", "startswith", "endswith", "success", "failure", "always", "cancelled", "hashfiles",
    };

    private readonly string _text;
    private int _pos;
    private int _calls;

    private ExpressionFlow(string text) => _text = text;

    public static IReadOnlyList<string> Sources(string expression)
    {
        var parser = new ExpressionFlow(expression);
        try
        {
            var result = parser.ParseOr();
            parser.SkipSpace();
            if (parser._pos == expression.Length)
                return result;
        }
        catch (FormatException)
        {
        }

        return parser.AllReferences();
    }

    private List<string> ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
            left = [.. left, .. ParseAnd()];
        return left;
    }

    private List<string> ParseAnd()
    {
        var left = ParseComparison();
        while (Accept("&&"))
            left = [.. left, .. ParseComparison()];
        return left;
    }

    private List<string> ParseComparison()
    {
        var left = ParseUnary();
        while (Accept("==") || Accept("!=") || Accept("<=") || Accept(">=") || Accept("<") || Accept(">"))
        {
            ParseUnary();
            left = [];
        }

        return left;
    }

    private List<string> ParseUnary()
    {
        if (Accept("!"))
        {
            ParseUnary();
            return [];
        }

        return ParsePrimary();
    }

    private List<string> ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
            throw new FormatException();
        var c = _text[_pos];
        if (c == '(')
        {
            // A group of plain context references picks one of them, so a property of the group is that
            // property of each: (github.event.pull_request || github.event.issue).number. A group with a
            // function call (fromJSON(…).x) keeps its flows whole.
            _pos++;
            var calls = _calls;
            var inner = ParseOr();
            Expect(")");
            return ParsePostfix(inner, null, extendFlows: calls == _calls);
        }

        if (c == '\'')
        {
            _pos++;
            while (_pos < _text.Length)
            {
                if (_text[_pos] == '\'' && (_pos + 1 >= _text.Length || _text[_pos + 1] != '\''))
                    break;
                _pos += _text[_pos] == '\'' ? 2 : 1;
            }

            Expect("'");
            return [];
        }

        if (char.IsDigit(c) || c == '-' || c == '.')
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '-' or '+'))
                _pos++;
            return [];
        }

        if (!IsIdentStart(c))
            throw new FormatException();
        var name = ReadIdentifier();
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == '(')
        {
            _pos++;
            _calls++;
            var flows = new List<string>();
            SkipSpace();
            if (!Accept(")"))
            {
                do
                {
                    flows.AddRange(ParseOr());
                }
                while (Accept(","));
                Expect(")");
            }

            return ParsePostfix(BooleanFunctions.Contains(name) ? [] : flows, null);
        }

        if (name is "true" or "false" or "null")
            return [];
        return ParsePostfix([], name);
    }

    /// <summary>Property and index access; a context path is extended, anything else keeps its flows.</summary>
    private List<string> ParsePostfix(List<string> flows, string? path, bool extendFlows = false)
    {
        while (true)
        {
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                var part = _pos < _text.Length && _text[_pos] == '*' ? "*" : null;
                if (part is not null)
                    _pos++;
                else
                    part = ReadIdentifier();
                path = path is null ? null : path + "." + part;
                flows = extendFlows ? [.. flows.Select(f => f + "." + part)] : flows;
            }
            else if (_pos < _text.Length && _text[_pos] == '[')
            {
                _pos++;
                SkipSpace();
                string part;
                if (Accept("*"))
                {
                    part = "*";
                }
                else if (_pos < _text.Length && _text[_pos] == '\'')
                {
                    var start = _pos + 1;
                    var end = _text.IndexOf('\'', start);
                    if (end < 0)
                        throw new FormatException();
                    part = _text[start..end];
                    _pos = end + 1;
                }
                else
                {
                    ParseOr();
                    part = "*";
                }

                Expect("]");
                path = path is null ? null : path + "." + part;
                flows = extendFlows ? [.. flows.Select(f => f + "." + part)] : flows;
            }
            else
            {
                return path is null ? flows : [path];
            }
        }
    }

    private List<string> AllReferences()
    {
        var found = new List<string>();
        var i = 0;
        while (i < _text.Length)
        {
            if (_text[i] == '\'')
            {
                var end = _text.IndexOf('\'', i + 1);
                i = end < 0 ? _text.Length : end + 1;
                continue;
            }

            if (IsIdentStart(_text[i]) && (i == 0 || !(char.IsLetterOrDigit(_text[i - 1]) || _text[i - 1] is '_' or '-' or '.')))
            {
                var start = i;
                while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] is '_' or '-' or '.' or '*' or '[' or ']'))
                    i++;
                var raw = _text[start..i].Replace("[*]", ".*", StringComparison.Ordinal);
                if (raw.Contains('.', StringComparison.Ordinal))
                    found.Add(raw.Trim('.'));
                continue;
            }

            i++;
        }

        return found;
    }

    private string ReadIdentifier()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
            _pos++;
        if (_pos == start)
            throw new FormatException();
        return _text[start.._pos];
    }

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0)
            return false;
        // '<' must not swallow the start of '<='; the longer operators are tried first by the callers.
        _pos += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
            throw new FormatException();
    }
}
