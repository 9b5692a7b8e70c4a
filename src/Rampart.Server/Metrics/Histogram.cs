using System.Globalization;
using System.Text;

namespace Rampart.Server.Metrics;

/// <summary>A Prometheus histogram with fixed buckets (seconds), safe for concurrent observations.</summary>
internal sealed class Histogram(string name, string help, double[] bounds)
{
    private readonly long[] _counts = new long[bounds.Length + 1];
    private readonly Lock _lock = new();
    private double _sum;
    private long _total;

    public void Observe(double value)
    {
        lock (_lock)
        {
            var bucket = Array.FindIndex(bounds, b => value <= b);
            _counts[bucket < 0 ? bounds.Length : bucket]++;
            _sum += value;
            _total++;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        WriteHeader(text, name, help);
        WriteSamples(text, "");
    }

    public static void WriteHeader(StringBuilder text, string name, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
    }

    /// <summary>The bucket, sum and count lines; <paramref name="labels"/> (<c>phase="fetch"</c>) goes before <c>le</c>.</summary>
    public void WriteSamples(StringBuilder text, string labels)
    {
        var prefix = labels.Length == 0 ? "" : labels + ",";
        var own = labels.Length == 0 ? "" : "{" + labels + "}";
        lock (_lock)
        {
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += _counts[i];
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"{bounds[i]}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{prefix}le=\"+Inf\"}} {_total}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_sum{own} {_sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_count{own} {_total}\n");
        }
    }
}
