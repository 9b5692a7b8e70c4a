using System.Globalization;
using System.Text;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>
/// Parses template text (the inside of a quoted string or a heredoc body) into literal parts and
/// interpolations. <c>$${</c> and <c>%%{</c> are literal; <c>%{ if }</c>/<c>%{ for }</c> directives are
/// recognised and skipped (the template's value is then unknown).
/// </summary>
internal static class HclTemplateParser
{
    public static HclTemplateExpr Parse(string raw, int line, int column, bool quoted)
    {
        var parts = new List<HclExpr>();
        var literal = new StringBuilder();
        var hasDirective = false;
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if ((c == '$' || c == '%') && i + 2 < raw.Length && raw[i + 1] == c && raw[i + 2] == '{')
            {
                literal.Append(c).Append('{');
                i += 3;
                continue;
            }

            if ((c == '$' || c == '%') && i + 1 < raw.Length && raw[i + 1] == '{')
            {
                var end = MatchingBrace(raw, i + 2);
                if (end < 0)
                    throw new HclSyntaxException("unclosed template sequence", line, column);
                var inner = raw[(i + 2)..end].Trim();
                if (inner.StartsWith('~'))
                    inner = inner[1..];
                if (inner.EndsWith('~'))
                    inner = inner[..^1];
                if (c == '%')
                {
                    hasDirective = true;
                }
                else
                {
                    if (literal.Length > 0)
                        parts.Add(new HclLiteralExpr(new HclString(literal.ToString()), line, column));
                    literal.Clear();
                    parts.Add(HclParser.ParseExpression(inner, line, column));
                }

                i = end + 1;
                continue;
            }

            if (quoted && c == '\\' && i + 1 < raw.Length)
            {
                i += AppendEscape(raw, i, literal);
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0 || parts.Count == 0)
            parts.Add(new HclLiteralExpr(new HclString(literal.ToString()), line, column));
        return new HclTemplateExpr(parts, hasDirective, line, column);
    }

    /// <summary>The text of a label or key written as a quoted string, with escapes applied.</summary>
    public static string Unescape(string raw)
    {
        var text = new StringBuilder();
        for (var i = 0; i < raw.Length;)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                i += AppendEscape(raw, i, text);
            }
            else
            {
                text.Append(raw[i]);
                i++;
            }
        }

        return text.ToString();
    }

    private static int AppendEscape(string raw, int i, StringBuilder into)
    {
        switch (raw[i + 1])
        {
            case 'n': into.Append('\n'); return 2;
            case 't': into.Append('\t'); return 2;
            case 'r': into.Append('\r'); return 2;
            case '"': into.Append('"'); return 2;
            case '\\': into.Append('\\'); return 2;
            case 'u' when i + 5 < raw.Length && int.TryParse(raw.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u):
                into.Append((char)u);
                return 6;
            case 'U' when i + 9 < raw.Length && int.TryParse(raw.AsSpan(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var u8) && u8 <= 0x10FFFF:
                into.Append(char.ConvertFromUtf32(u8));
                return 10;
            default:
                into.Append(raw[i + 1]);
                return 2;
        }
    }

    /// <summary>Index of the '}' closing a sequence opened just before <paramref name="from"/>, skipping nested braces and strings.</summary>
    private static int MatchingBrace(string raw, int from)
    {
        var depth = 0;
        for (var i = from; i < raw.Length; i++)
        {
            switch (raw[i])
            {
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
                case '"':
                    i++;
                    while (i < raw.Length && raw[i] != '"')
                    {
                        if (raw[i] == '\\')
                            i++;
                        i++;
                    }

                    break;
            }
        }

        return -1;
    }
}
