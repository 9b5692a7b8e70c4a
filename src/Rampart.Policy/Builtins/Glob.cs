using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Policy.Builtins;

/// <summary>Glob patterns as OPA's glob.match reads them: * ? ** [a-z] [!a] {a,b} and \ escapes, with separators.</summary>
internal static class Glob
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>As OPA: null delimiters means none (<c>*</c> matches anything), an empty list means the default <c>.</c>.</summary>
    public static Regex Compile(string pattern, List<char>? delimiters)
    {
        if (delimiters is null)
            delimiters = [];
        else if (delimiters.Count == 0)
            delimiters = ['.'];
        var key = pattern + "\0" + new string(delimiters.ToArray());
        if (Cache.TryGetValue(key, out var r))
            return r;
        var notSep = delimiters.Count == 0 ? "[\\s\\S]" : "[^" + Regex.Escape(new string(delimiters.ToArray())).Replace("]", "\\]", StringComparison.Ordinal) + "]";
        var sb = new StringBuilder("^");
        var i = 0;
        Convert(pattern, ref i, sb, notSep, inAlternation: false);
        sb.Append('$');
        r = new Regex(sb.ToString(), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        if (Cache.Count < 10_000)
            Cache[key] = r;
        return r;
    }

    private static void Convert(string p, ref int i, StringBuilder sb, string notSep, bool inAlternation)
    {
        while (i < p.Length)
        {
            var c = p[i];
            if (inAlternation && (c == ',' || c == '}'))
                return;
            i++;
            switch (c)
            {
                case '*':
                    if (i < p.Length && p[i] == '*')
                    {
                        i++;
                        sb.Append("[\\s\\S]*");
                    }
                    else
                    {
                        sb.Append(notSep).Append('*');
                    }

                    break;
                case '?':
                    sb.Append(notSep);
                    break;
                case '\\':
                    if (i >= p.Length)
                        throw new BuiltinException("unexpected end of input");
                    sb.Append(Regex.Escape(p[i++].ToString()));
                    break;
                case '[':
                    var end = p.IndexOf(']', i);
                    if (end < 0)
                        throw new BuiltinException("unexpected end of input");
                    var cls = p[i..end];
                    i = end + 1;
                    var negate = cls.StartsWith('!') || cls.StartsWith('^');
                    if (negate)
                        cls = cls[1..];
                    sb.Append(negate ? "[^" : "[").Append(cls.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    break;
                case '{':
                    sb.Append("(?:");
                    while (true)
                    {
                        Convert(p, ref i, sb, notSep, inAlternation: true);
                        if (i >= p.Length)
                            throw new BuiltinException("unexpected end of input");
                        if (p[i++] == '}')
                            break;
                        sb.Append('|');
                    }

                    sb.Append(')');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
    }

    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if ("*?\\[]{}".Contains(c, StringComparison.Ordinal))
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }
}
