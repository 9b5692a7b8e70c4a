using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Rampart.Policy.Values;
using static Rampart.Policy.Builtins.Operand;

namespace Rampart.Policy.Builtins;

/// <summary>
/// regex.* and glob.*. Patterns are compiled with the non-backtracking engine: linear time
/// like Go's RE2, so a policy cannot hang the gate with a pathological pattern.
/// </summary>
internal static class RegexBuiltins
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static void Register(Action<Builtin> add)
    {
        add(new("regex.match", 2, (_, a) => B(Compile(Str(a, 0)).IsMatch(Str(a, 1)))));
        add(new("re_match", 2, (_, a) => B(Compile(Str(a, 0)).IsMatch(Str(a, 1)))));
        add(new("regex.is_valid", 1, (_, a) => B(a[0] is StringValue s && TryCompile(s.Value) is not null)));
        add(new("regex.find_n", 3, (_, a) => new ArrayValue(Limit(Compile(Str(a, 0)).Matches(Str(a, 1)).Select(m => (Value)S(m.Value)), Int(a, 2)).ToList())));
        add(new("regex.find_all_string_submatch_n", 3, (_, a) => new ArrayValue(Limit(Compile(Str(a, 0)).Matches(Str(a, 1)).Select(m =>
            (Value)new ArrayValue(m.Groups.Cast<Group>().Select(g => (Value)S(g.Success ? g.Value : "")).ToList())), Int(a, 2)).ToList())));
        add(new("regex.split", 2, (_, a) => new ArrayValue(Compile(Str(a, 0)).Split(Str(a, 1)).Select(s => (Value)S(s)).ToList())));
        add(new("regex.replace", 3, (_, a) => S(Compile(Str(a, 1)).Replace(Str(a, 0), GoReplacement(Str(a, 2))))));
        add(new("regex.template_match", 4, (_, a) => B(TemplateMatch(Str(a, 0), Str(a, 1), Str(a, 2), Str(a, 3)))));
        add(new("glob.match", 3, (_, a) => B(Glob.Compile(Str(a, 0), Delimiters(a)).IsMatch(Str(a, 2)))));
        add(new("glob.quote_meta", 1, (_, a) => S(Glob.QuoteMeta(Str(a, 0)))));
    }

    private static IEnumerable<Value> Limit(IEnumerable<Value> items, int n) => n < 0 ? items : items.Take(n);

    private static List<char>? Delimiters(Value[] a)
    {
        if (a[1] is NullValue)
            return null;
        var list = new List<char>();
        foreach (var v in Operand.ArrOrSet(a, 1))
        {
            var s = v is StringValue sv ? sv.Value : throw TypeError(1, "array[string]", a[1]);
            list.AddRange(s);
        }

        return list;
    }

    public static Regex Compile(string pattern) => TryCompile(pattern) ?? throw new BuiltinException("error parsing regexp: invalid pattern: `" + pattern + "`");

    private static Regex? TryCompile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var r))
            return r;
        try
        {
            r = new Regex(GoToDotNet(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }

        if (Cache.Count < 10_000)
            Cache[pattern] = r;
        return r;
    }

    /// <summary>RE2 syntax differs from .NET's in a few spellings: named groups (?P&lt;n&gt;…) and \z.</summary>
    private static string GoToDotNet(string p) => p.Replace("(?P<", "(?<", StringComparison.Ordinal);

    /// <summary>Go replacement templates use $1 / ${name}; .NET uses the same, except a bare $name.</summary>
    private static string GoReplacement(string s) => s;

    private static bool TemplateMatch(string template, string value, string open, string close)
    {
        var sb = new System.Text.StringBuilder("^");
        var i = 0;
        while (i < template.Length)
        {
            var o = template.IndexOf(open, i, StringComparison.Ordinal);
            if (o < 0)
            {
                sb.Append(Regex.Escape(template[i..]));
                break;
            }

            var c = template.IndexOf(close, o + open.Length, StringComparison.Ordinal);
            if (c < 0)
                throw new BuiltinException("unbalanced delimiters in template");
            sb.Append(Regex.Escape(template[i..o])).Append('(').Append(template[(o + open.Length)..c]).Append(')');
            i = c + close.Length;
        }

        return Compile(sb.Append('$').ToString()).IsMatch(value);
    }
}
