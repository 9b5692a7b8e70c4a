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
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        lock (_lock)
        {
            long cumulative = 0;
            for (var i = 0; i < bounds.Length; i++)
            {
                cumulative += _counts[i];
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{bounds[i]}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {_total}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_sum {_sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_count {_total}\n");
        }
    }
}
