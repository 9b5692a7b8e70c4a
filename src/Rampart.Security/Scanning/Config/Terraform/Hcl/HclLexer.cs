using System.Text;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>
/// Tokenises HCL native syntax: comments (<c>#</c>, <c>//</c>, <c>/* */</c>), identifiers (with dashes),
/// numbers, quoted templates (kept raw, parsed later by <see cref="HclTemplateParser"/>), heredocs
/// (<c>&lt;&lt;EOF</c> and the indented <c>&lt;&lt;-EOF</c>), punctuation and operators.
/// </summary>
internal sealed class HclLexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private HclLexer(string text) => _text = text;

    public static List<HclToken> Tokenize(string text)
    {
        var lexer = new HclLexer(text);
        var tokens = new List<HclToken>();
        HclToken token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != HclTokenKind.Eof);
        return tokens;
    }

    private int Column => _pos - _lineStart + 1;

    private HclToken Next()
    {
        SkipSpaceAndComments();
        if (_pos >= _text.Length)
            return new HclToken(HclTokenKind.Eof, "", _line, Column);
        var line = _line;
        var column = Column;
        var c = _text[_pos];
        if (c == '\n')
        {
            NewLine(_pos + 1);
            return new HclToken(HclTokenKind.Newline, "\n", line, column);
        }

        if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
                _pos++;
            return new HclToken(HclTokenKind.Identifier, _text[start.._pos], line, column);
        }

        if (char.IsDigit(c))
            return Number(line, column);
        if (c == '"')
            return Quoted(line, column);
        if (c == '<' && At("<<") && _pos + 2 < _text.Length && (_text[_pos + 2] == '-' || char.IsLetter(_text[_pos + 2]) || _text[_pos + 2] == '_'))
            return Heredoc(line, column);

        foreach (var (op, kind) in Punctuation)
        {
            if (At(op))
            {
                _pos += op.Length;
                return new HclToken(kind, op, line, column);
            }
        }

        throw new HclSyntaxException($"unexpected character '{c}'", line, column);
    }

    private static readonly (string Op, HclTokenKind Kind)[] Punctuation =
    [
        ("...", HclTokenKind.Ellipsis), ("=>", HclTokenKind.FatArrow), ("==", HclTokenKind.Operator), ("!=", HclTokenKind.Operator),
        ("<=", HclTokenKind.Operator), (">=", HclTokenKind.Operator), ("&&", HclTokenKind.Operator), ("||", HclTokenKind.Operator),
        ("{", HclTokenKind.OpenBrace), ("}", HclTokenKind.CloseBrace), ("[", HclTokenKind.OpenBracket), ("]", HclTokenKind.CloseBracket),
        ("(", HclTokenKind.OpenParen), (")", HclTokenKind.CloseParen), (",", HclTokenKind.Comma), (".", HclTokenKind.Dot),
        ("=", HclTokenKind.Equals), (":", HclTokenKind.Colon), ("?", HclTokenKind.Question), ("*", HclTokenKind.Star),
        ("+", HclTokenKind.Operator), ("-", HclTokenKind.Operator), ("/", HclTokenKind.Operator), ("%", HclTokenKind.Operator),
        ("<", HclTokenKind.Operator), (">", HclTokenKind.Operator), ("!", HclTokenKind.Operator),
    ];

    private HclToken Number(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsDigit(_text[_pos]))
            _pos++;
        if (_pos + 1 < _text.Length && _text[_pos] == '.' && char.IsDigit(_text[_pos + 1]))
        {
            _pos++;
            while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                _pos++;
        }

        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
                _pos++;
            if (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                    _pos++;
            }
            else
            {
                _pos = save;
            }
        }

        return new HclToken(HclTokenKind.Number, _text[start.._pos], line, column);
    }

    /// <summary>Reads a quoted template up to its closing quote, stepping over nested <c>${ }</c> sequences.</summary>
    private HclToken Quoted(int line, int column)
    {
        _pos++;
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' && depth == 0)
                throw new HclSyntaxException("unterminated string", line, column);
            if (c == '\\' && depth == 0)
            {
                _pos += 2;
                continue;
            }

            if ((c == '$' || c == '%') && _pos + 1 < _text.Length && _text[_pos + 1] == '{')
            {
                if (_pos + 2 < _text.Length && _pos > start && _text[_pos - 1] == c && depth == 0)
                {
                    _pos += 2;
                    continue;
                }

                depth++;
                _pos += 2;
                continue;
            }

            if (depth > 0)
            {
                if (c == '}')
                    depth--;
                else if (c == '{')
                    depth++;
                else if (c == '"')
                    SkipNestedString();
                else if (c == '\n')
                {
                    NewLine(_pos + 1);
                    continue;
                }

                _pos++;
                continue;
            }

            if (c == '"')
            {
                var raw = _text[start.._pos];
                _pos++;
                return new HclToken(HclTokenKind.QuotedTemplate, raw, line, column);
            }

            _pos++;
        }

        throw new HclSyntaxException("unterminated string", line, column);
    }

    private void SkipNestedString()
    {
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            if (_text[_pos] == '\\')
                _pos++;
            _pos++;
        }
    }

    private HclToken Heredoc(int line, int column)
    {
        _pos += 2;
        var indented = _pos < _text.Length && _text[_pos] == '-';
        if (indented)
            _pos++;
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            _pos++;
        var marker = _text[start.._pos];
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r')
            _pos++;
        if (_pos >= _text.Length || _text[_pos] != '\n')
            throw new HclSyntaxException("heredoc marker must end its line", line, column);
        NewLine(_pos + 1);
        var lines = new List<string>();
        while (true)
        {
            if (_pos >= _text.Length)
                throw new HclSyntaxException($"heredoc {marker} is not closed", line, column);
            var end = _text.IndexOf('\n', _pos);
            var content = end < 0 ? _text[_pos..] : _text[_pos..end];
            var next = end < 0 ? _text.Length : end + 1;
            if (content.Trim() == marker)
            {
                _pos = _pos + content.Length;
                break;
            }

            lines.Add(content.TrimEnd('\r'));
            NewLine(next);
        }

        if (indented)
        {
            var spaces = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            lines = [.. lines.Select(l => l.Length >= spaces ? l[spaces..] : l.TrimStart())];
        }

        var body = new StringBuilder();
        foreach (var l in lines)
            body.Append(l).Append('\n');
        return new HclToken(HclTokenKind.Heredoc, body.ToString(), line, column);
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
            }
            else if (c == '#' || At("//"))
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                    _pos++;
            }
            else if (At("/*"))
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                    throw new HclSyntaxException("unterminated comment", _line, Column);
                for (var i = _pos; i < end; i++)
                {
                    if (_text[i] == '\n')
                        NewLine(i + 1);
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private void NewLine(int next)
    {
        _line++;
        _lineStart = next;
        _pos = next;
    }

    private bool At(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;
}
