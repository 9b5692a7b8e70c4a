using System.Globalization;
using System.Text;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>The pure Terraform functions whose results matter to the checks; others give unknown.</summary>
internal static class HclFunctions
{
    public static HclValue Call(string name, IReadOnlyList<HclValue> args, bool expandFinal)
    {
        if (expandFinal && args.Count > 0)
        {
            if (args[^1] is not HclList last)
                return HclValue.Unknown;
            args = [.. args.Take(args.Count - 1), .. last.Values];
        }

        switch (name)
        {
            case "jsonencode" when args.Count == 1:
                return new HclEncodedJson(args[0]);
            case "tolist" or "toset" or "tomap" or "sensitive" or "nonsensitive" when args.Count == 1:
                return args[0];
            case "tostring" when args.Count == 1:
                return args[0].AsText() is { } t ? new HclString(t) : args[0];
            case "tobool" when args.Count == 1:
                return args[0].AsBool() is { } b ? new HclBool(b) : HclValue.Unknown;
            case "tonumber" when args.Count == 1:
                return args[0].AsNumber() is { } n ? new HclNumber(n) : HclValue.Unknown;
            case "lower" when args.Count == 1 && args[0].AsText() is { } lower:
                return new HclString(lower.ToLowerInvariant());
            case "upper" when args.Count == 1 && args[0].AsText() is { } upper:
                return new HclString(upper.ToUpperInvariant());
            case "merge":
                return Merge(args);
            case "concat":
                return args.All(a => a is HclList) ? new HclList([.. args.SelectMany(a => ((HclList)a).Values)]) : HclValue.Unknown;
            case "join" when args.Count == 2 && args[0].AsText() is { } sep && args[1] is HclList list && list.Values.All(v => v.AsText() is not null):
                return new HclString(string.Join(sep, list.Values.Select(v => v.AsText())));
            case "coalesce":
                return args.FirstOrDefault(a => a is not HclNull && a.AsText() is not "") is { IsKnown: true } first ? first : HclValue.Unknown;
            case "try":
                return args.FirstOrDefault(a => a.IsKnown) ?? HclValue.Unknown;
            case "lookup" when args.Count >= 2 && args[0] is HclObject map && args[1].AsText() is { } key:
                return map.Get(key) ?? (args.Count > 2 ? args[2] : HclValue.Unknown);
            case "length" when args.Count == 1:
                return args[0] switch
                {
                    HclList l => new HclNumber(l.Values.Count),
                    HclObject o => new HclNumber(o.Values.Count),
                    HclString s => new HclNumber(s.Value.Length),
                    _ => HclValue.Unknown,
                };
            case "format" when args.Count >= 1 && args[0].AsText() is { } format:
                return Format(format, args.Skip(1).ToList());
            default:
                return HclValue.Unknown;
        }
    }

    private static HclValue Merge(IReadOnlyList<HclValue> args)
    {
        var merged = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (arg is HclNull)
                continue;
            if (arg is not HclObject o)
                return HclValue.Unknown;
            foreach (var (k, v) in o.Values)
                merged[k] = v;
        }

        return new HclObject(merged);
    }

    /// <summary><c>format</c> with <c>%s</c>, <c>%d</c>, <c>%v</c> and <c>%%</c>.</summary>
    private static HclValue Format(string format, List<HclValue> args)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            var verb = format[++i];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }

            if (verb is not ('s' or 'd' or 'v') || next >= args.Count || args[next++].AsText() is not { } value)
                return HclValue.Unknown;
            text.Append(verb == 'd' && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? ((long)d).ToString(CultureInfo.InvariantCulture) : value);
        }

        return new HclString(text.ToString());
    }
}
