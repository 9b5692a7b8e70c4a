using System.Globalization;
using System.Text;

namespace Rampart.Policy.Syntax;

/// <summary>Splits Rego source into tokens; errors carry file:line:col.</summary>
internal sealed class Lexer
{
    private static readonly string[] Symbols = [":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":", "=", "<", ">", "+", "-", "*", "/", "%", "|", "&"];
    private readonly string src;
    private readonly string file;
    private int pos;
    private int line = 1;
    private int lineStart;

    public Lexer(string source, string file)
    {
        src = source;
        this.file = file;
    }

    public static List<Token> Tokenize(string source, string file) => new Lexer(source, file).Run();

    private SourcePosition Here => new(file, line, pos - lineStart + 1);

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        var newline = true;
        while (true)
        {
            var before = pos;
            newline |= SkipSpace();
            var spaced = pos > before;
            var start = Here;
            var count = tokens.Count;
            if (pos >= src.Length)
            {
                tokens.Add(new Token(TokenKind.Eof, "", start, true));
                return tokens;
            }

            var c = src[pos];
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var s = pos;
                while (pos < src.Length && (char.IsAsciiLetterOrDigit(src[pos]) || src[pos] == '_'))
                    pos++;
                tokens.Add(new Token(TokenKind.Ident, src[s..pos], start, newline));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && pos + 1 < src.Length && char.IsAsciiDigit(src[pos + 1]) && !PrevIsTermEnd(tokens, newline)))
            {
                tokens.Add(new Token(TokenKind.Number, ReadNumber(start), start, newline));
            }
            else if (c == '$' && pos + 1 < src.Length && src[pos + 1] is '"' or '`')
            {
                tokens.Add(new Token(TokenKind.Template, ReadTemplate(start), start, newline));
            }
            else if (c == '"')
            {
                var value = ReadString(start);
                tokens.Add(new Token(TokenKind.String, value, start, newline, value));
            }
            else if (c == '`')
            {
                var s = ++pos;
                while (pos < src.Length && src[pos] != '`')
                {
                    if (src[pos] == '\n')
                    {
                        line++;
                        lineStart = pos + 1;
                    }

                    pos++;
                }

                if (pos >= src.Length)
                    throw Error(start, "unterminated raw string");
                var value = src[s..pos];
                pos++;
                tokens.Add(new Token(TokenKind.RawString, value, start, newline, value));
            }
            else
            {
                var sym = Symbols.FirstOrDefault(x => string.CompareOrdinal(src, pos, x, 0, x.Length) == 0)
                    ?? throw Error(start, $"unexpected character '{c}'");
                pos += sym.Length;
                tokens.Add(new Token(TokenKind.Symbol, sym, start, newline));
            }

            if (spaced && tokens.Count > count)
                tokens[^1] = tokens[^1] with { SpaceBefore = true };
            newline = false;
        }
    }

    private static bool PrevIsTermEnd(List<Token> tokens, bool newline) =>
        !newline && tokens.Count > 0 && tokens[^1] is { } t && (t.Kind is TokenKind.Ident or TokenKind.Number or TokenKind.String or TokenKind.RawString || t.Text is "]" or ")" or "}");

    private bool SkipSpace()
    {
        var newline = false;
        while (pos < src.Length)
        {
            var c = src[pos];
            if (c == '\n')
            {
                newline = true;
                line++;
                lineStart = pos + 1;
                pos++;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                pos++;
            }
            else if (c == '#')
            {
                while (pos < src.Length && src[pos] != '\n')
                    pos++;
            }
            else
            {
                break;
            }
        }

        return newline;
    }

    private string ReadNumber(SourcePosition start)
    {
        var s = pos;
        while (pos < src.Length && char.IsAsciiDigit(src[pos]))
            pos++;
        if (pos < src.Length && src[pos] == '.' && pos + 1 < src.Length && char.IsAsciiDigit(src[pos + 1]))
        {
            pos++;
            while (pos < src.Length && char.IsAsciiDigit(src[pos]))
                pos++;
        }

        if (pos < src.Length && src[pos] is 'e' or 'E')
        {
            pos++;
            if (pos < src.Length && src[pos] is '+' or '-')
                pos++;
            if (pos >= src.Length || !char.IsAsciiDigit(src[pos]))
                throw Error(start, "invalid number");
            while (pos < src.Length && char.IsAsciiDigit(src[pos]))
                pos++;
        }

        // A number is never followed by '.' in Rego (no ref starts with a number), and OPA's scanner
        // rejects a missing fraction ("8.", "2.e3"); "0.1." and "0e1.1" are typos, not two tokens.
        if (pos < src.Length && (char.IsAsciiLetter(src[pos]) || src[pos] is '_' or '.'))
            throw Error(start, "invalid number");
        var text = src[s..pos];
        if (text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1]))
            throw Error(start, "invalid number: leading zero");
        return text;
    }

    /// <summary>The raw body of <c>$"…"</c> or <c>$`…`</c>; braces nest, so <c>{x["}"]}</c> stays one expression.</summary>
    private string ReadTemplate(SourcePosition start)
    {
        pos++;
        var quote = src[pos++];
        var s = pos;
        var depth = 0;
        while (pos < src.Length)
        {
            var c = src[pos];
            if (c == '\\' && quote == '"')
            {
                pos += 2;
                continue;
            }

            if (c == '"' && depth > 0)
            {
                pos++;
                while (pos < src.Length && src[pos] != '"')
                    pos += src[pos] == '\\' ? 2 : 1;
                pos++;
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (c == quote && depth == 0)
            {
                var body = src[s..pos];
                pos++;
                return body;
            }
            else if (c == '\n' && quote == '"')
            {
                break;
            }

            pos++;
        }

        throw Error(start, "unterminated template string");
    }

    private string ReadString(SourcePosition start)
    {
        pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= src.Length || src[pos] == '\n')
                throw Error(start, "unterminated string");
            var c = src[pos++];
            if (c == '"')
                return sb.ToString();
            if (c < ' ')
                throw Error(start, "invalid character in string: control characters must be escaped, as in JSON");
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (pos >= src.Length)
                throw Error(start, "unterminated string");
            var e = src[pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (pos + 4 > src.Length || !int.TryParse(src.AsSpan(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp))
                        throw Error(Here, "invalid unicode escape");
                    sb.Append((char)cp);
                    pos += 4;
                    break;
                default:
                    throw Error(Here, $"invalid escape sequence '\\{e}'");
            }
        }
    }

    private static RegoException Error(SourcePosition p, string message) => new("rego_parse_error", message, p);
}
