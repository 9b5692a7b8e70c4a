using System.Diagnostics.CodeAnalysis;

namespace Rampart.Security.Vulns.Cvss;

/// <summary>
/// A parsed CVSS v4.0 vector (<c>CVSS:4.0/AV:N/AC:L/…</c>). Parsing is strict, as the specification asks: the
/// <c>CVSS:4.0</c> prefix, all eleven Base metrics, metrics in the specification's order, each at most once,
/// and only the values the specification defines (case-sensitive). Threat, Environmental and Supplemental
/// metrics are optional; <c>X</c> means Not Defined.
/// </summary>
public sealed class Cvss4Vector
{
    public const string Prefix = "CVSS:4.0";

    private readonly string[] values;

    private Cvss4Vector(string[] values) => this.values = values;

    /// <summary>The value written in the vector for a metric, or <c>X</c> when it is absent.</summary>
    public string this[string metric] => values[Index(metric)];

    /// <summary>
    /// The value scoring uses: a Modified Base metric (MAV…MSA) replaces its Base metric when defined; an
    /// undefined Exploit Maturity counts as Attacked (<c>A</c>) and undefined security requirements (CR, IR, AR)
    /// as High — the worst case, as the specification prescribes.
    /// </summary>
    public string Effective(string metric)
    {
        var value = this[metric];
        if (value == "X")
        {
            return metric switch
            {
                "E" => "A",
                "CR" or "IR" or "AR" => "H",
                _ => value,
            };
        }

        return Cvss4Metrics.Position.ContainsKey("M" + metric) && this["M" + metric] is var modified && modified != "X" ? modified : value;
    }

    /// <summary>
    /// The specification's name for what the score reflects: CVSS-B (Base only), CVSS-BT (with Threat),
    /// CVSS-BE (with Environmental) or CVSS-BTE.
    /// </summary>
    public string Nomenclature
    {
        get
        {
            var threat = this["E"] != "X";
            var environmental = Cvss4Metrics.All.Any(m => m.Group == Cvss4Metrics.Environmental && this[m.Key] != "X");
            return "CVSS-B" + (threat ? "T" : "") + (environmental ? "E" : "");
        }
    }

    /// <summary>Parses a vector, or throws <see cref="FormatException"/> whose message says what is wrong.</summary>
    public static Cvss4Vector Parse(string vector) =>
        TryParse(vector, out var parsed, out var error) ? parsed : throw new FormatException(error);

    public static bool TryParse(string? vector, [NotNullWhen(true)] out Cvss4Vector? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        error = Read(vector, out var values);
        if (error is not null)
            return false;
        parsed = new Cvss4Vector(values);
        return true;
    }

    /// <summary>The vector in the specification's order without Not Defined metrics.</summary>
    public override string ToString() =>
        string.Join('/', Cvss4Metrics.All.Where(m => this[m.Key] != "X").Select(m => $"{m.Key}:{this[m.Key]}").Prepend(Prefix));

    private static string? Read(string? vector, out string[] values)
    {
        values = [.. Cvss4Metrics.All.Select(_ => "X")];
        if (string.IsNullOrWhiteSpace(vector))
            return "the CVSS v4.0 vector is empty";
        var parts = vector.Split('/');
        if (parts[0] != Prefix)
            return $"'{Shorten(vector)}' does not start with '{Prefix}/'";
        var seen = new bool[values.Length];
        var last = -1;
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
                return i == parts.Length - 1 ? "the CVSS v4.0 vector ends with '/'" : $"the CVSS v4.0 vector has an empty metric after '{parts[i - 1]}'";
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1 || part.IndexOf(':', colon + 1) >= 0)
                return $"'{Shorten(part)}' is not a METRIC:VALUE pair";
            var key = part[..colon];
            var value = part[(colon + 1)..];
            if (!Cvss4Metrics.Position.TryGetValue(key, out var position))
                return $"'{Shorten(key)}' is not a CVSS v4.0 metric";
            if (seen[position])
                return $"metric {key} appears more than once";
            var metric = Cvss4Metrics.All[position];
            if (!metric.Values.Contains(value, StringComparer.Ordinal))
                return $"'{Shorten(value)}' is not a value of {key} (allowed: {string.Join(", ", metric.Values)})";
            if (position < last)
                return $"metric {key} is out of order: it must come before {Cvss4Metrics.All[last].Key}";
            seen[position] = true;
            last = position;
            values[position] = value;
        }

        var missing = Cvss4Metrics.All.Where((m, i) => m.Mandatory && !seen[i]).Select(m => m.Key).ToList();
        return missing.Count > 0 ? $"the CVSS v4.0 vector lacks the mandatory Base metric{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}" : null;
    }

    private static int Index(string metric) =>
        Cvss4Metrics.Position.TryGetValue(metric, out var position) ? position : throw new ArgumentException($"'{metric}' is not a CVSS v4.0 metric.", nameof(metric));

    // Error messages quote the input; a hostile advisory must not fill a log line with it.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
