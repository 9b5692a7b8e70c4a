using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Rampart.Server.Metrics;

/// <summary>A Prometheus counter with one label.</summary>
internal sealed class LabelledCounter(string name, string help, string label)
{
    private readonly ConcurrentDictionary<string, long> _values = new(StringComparer.Ordinal);

    public void Increment(string value) => _values.AddOrUpdate(value, 1, (_, n) => n + 1);

    public long Get(string value) => _values.GetValueOrDefault(value);

    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" counter\n");
        foreach (var (value, count) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{name}{{{label}=\"{Escape(value)}\"}} {count}\n");
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
