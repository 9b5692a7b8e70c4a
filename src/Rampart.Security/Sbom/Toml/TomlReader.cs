using System.Globalization;
using System.Text;

namespace Rampart.Security.Sbom.Toml;

/// <summary>
/// A TOML reader for lockfiles (Cargo.lock, poetry.lock, uv.lock): tables, arrays of tables, dotted
/// and quoted keys, all four string forms, arrays and inline tables. Numbers, booleans and dates are
/// kept as their text: lockfiles only need strings. Written here because the base library has no
/// TOML support and this subset is small; input it does not understand raises <see cref="FormatException"/>.
/// </summary>
public sealed class TomlReader
{
    private readonly string _text;
    private int _pos;

    private TomlReader(string text)
    {
        _text = text;
    }

    /// <summary>Parses a document to nested dictionaries: values are string, List&lt;object?&gt; or Dictionary&lt;string, object?&gt;.</summary>
    public static Dictionary<string, object?> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TomlReader(text).Document();
    }

    private Dictionary<string, object?> Document()
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        var current = root;
        while (true)
        {
            SkipBlank(newlines: true);
            if (_pos >= _text.Length)
                return root;
            if (Peek() == '[')
            {
                var arrayTable = _pos + 1 < _text.Length && _text[_pos + 1] == '[';
                _pos += arrayTable ? 2 : 1;
                var keys = Keys();
                Expect(']');
                if (arrayTable)
                    Expect(']');
                current = arrayTable ? AppendTable(root, keys) : OpenTable(root, keys);
            }
            else
            {
                var keys = Keys();
                Expect('=');
                var value = Value();
                var table = OpenTable(current, keys[..^1]);
                if (!table.TryAdd(keys[^1], value))
                    throw Error($"key '{keys[^1]}' defined twice");
            }

            SkipBlank(newlines: false);
            if (_pos < _text.Length && Peek() != '\n' && Peek() != '\r')
                throw Error("expected end of line");
        }
    }

    private static Dictionary<string, object?> OpenTable(Dictionary<string, object?> from, IEnumerable<string> keys)
    {
        var table = from;
        foreach (var key in keys)
        {
            if (!table.TryGetValue(key, out var next))
            {
                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                table[key] = next;
            }

            table = next switch
            {
                Dictionary<string, object?> d => d,
                List<object?> { Count: > 0 } list when list[^1] is Dictionary<string, object?> last => last,
                _ => throw new FormatException($"TOML: '{key}' is not a table"),
            };
        }

        return table;
    }

    private static Dictionary<string, object?> AppendTable(Dictionary<string, object?> root, List<string> keys)
    {
        var parent = OpenTable(root, keys[..^1]);
        if (!parent.TryGetValue(keys[^1], out var existing))
        {
            existing = new List<object?>();
            parent[keys[^1]] = existing;
        }

        if (existing is not List<object?> list)
            throw new FormatException($"TOML: '{keys[^1]}' is not an array of tables");
        var table = new Dictionary<string, object?>(StringComparer.Ordinal);
        list.Add(table);
        return table;
    }

    private List<string> Keys()
    {
        var keys = new List<string>();
        while (true)
        {
            SkipBlank(newlines: false);
            var c = Peek();
            if (c is '"' or '\'')
            {
                keys.Add(String());
            }
            else
            {
                var start = _pos;
                while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or '_'))
                    _pos++;
                if (start == _pos)
                    throw Error("expected a key");
                keys.Add(_text[start.._pos]);
            }

            SkipBlank(newlines: false);
            if (Peek() != '.')
                return keys;
            _pos++;
        }
    }

    private object? Value()
    {
        SkipBlank(newlines: false);
        var c = Peek();
        if (c is '"' or '\'')
            return String();
        if (c == '[')
            return Array();
        if (c == '{')
            return InlineTable();
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not (',' or ']' or '}' or '\n' or '\r' or '#'))
            _pos++;
        var scalar = _text[start.._pos].Trim();
        if (scalar.Length == 0)
            throw Error("expected a value");
        return scalar;
    }

    private List<object?> Array()
    {
        _pos++;
        var items = new List<object?>();
        while (true)
        {
            SkipBlank(newlines: true);
            if (Peek() == ']')
            {
                _pos++;
                return items;
            }

            items.Add(Value());
            SkipBlank(newlines: true);
            if (Peek() == ',')
                _pos++;
            else if (Peek() != ']')
                throw Error("expected ',' or ']'");
        }
    }

    private Dictionary<string, object?> InlineTable()
    {
        _pos++;
        var table = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipBlank(newlines: true);
            if (Peek() == '}')
            {
                _pos++;
                return table;
            }

            var keys = Keys();
            Expect('=');
            OpenTable(table, keys[..^1])[keys[^1]] = Value();
            SkipBlank(newlines: true);
            if (Peek() == ',')
                _pos++;
            else if (Peek() != '}')
                throw Error("expected ',' or '}'");
        }
    }

    private string String()
    {
        var quote = _text[_pos];
        var multi = _pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote;
        _pos += multi ? 3 : 1;
        if (multi && Peek() == '\r')
            _pos++;
        if (multi && Peek() == '\n')
            _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error("unterminated string");
            var c = _text[_pos];
            if (c == quote && (!multi || _text.AsSpan(_pos).StartsWith(new string(quote, 3))))
            {
                _pos += multi ? 3 : 1;
                return text.ToString();
            }

            if (!multi && c is '\n' or '\r')
                throw Error("newline in string");
            if (c == '\\' && quote == '"')
            {
                text.Append(Escape());
                continue;
            }

            text.Append(c);
            _pos++;
        }
    }

    private string Escape()
    {
        _pos++;
        var c = _pos < _text.Length ? _text[_pos++] : throw Error("bad escape");
        switch (c)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'b': return "\b";
            case 'f': return "\f";
            case '"': return "\"";
            case '\\': return "\\";
            case 'u' or 'U':
                var length = c == 'u' ? 4 : 8;
                if (_pos + length > _text.Length || !int.TryParse(_text.AsSpan(_pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || !Rune.IsValid(code))
                    throw Error("bad unicode escape");
                _pos += length;
                return new Rune(code).ToString();
            case '\n' or '\r' or ' ' or '\t':
                while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
                    _pos++;
                return "";
            default:
                throw Error($"bad escape '\\{c}'");
        }
    }

    private void SkipBlank(bool newlines)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' || (newlines && c is '\n' or '\r'))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                    _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        SkipBlank(newlines: false);
        if (Peek() != c)
            throw Error($"expected '{c}'");
        _pos++;
    }

    private FormatException Error(string message)
    {
        var line = 1 + _text.AsSpan(0, Math.Min(_pos, _text.Length)).Count('\n');
        return new FormatException($"TOML line {line}: {message}");
    }
}
