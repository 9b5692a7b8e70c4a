using System.Collections.Concurrent;
using System.Text;

namespace Rampart.Server.Metrics;

/// <summary>A Prometheus histogram with one label, whose values are fixed when it is made.</summary>
internal sealed class LabelledHistogram
{
    private readonly string _name;
    private readonly string _help;
    private readonly string _label;
    private readonly IReadOnlyList<string> _values;
    private readonly ConcurrentDictionary<string, Histogram> _histograms = new(StringComparer.Ordinal);

    public LabelledHistogram(string name, string help, string label, IReadOnlyList<string> values, double[] bounds)
    {
        (_name, _help, _label, _values) = (name, help, label, values);
        foreach (var value in values)
            _histograms[value] = new Histogram(name, help, bounds);
    }

    public void Observe(string value, double seconds) =>
        (_histograms.TryGetValue(value, out var histogram) ? histogram : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {_label} of {_name}")).Observe(seconds);

    public void WriteTo(StringBuilder text)
    {
        Histogram.WriteHeader(text, _name, _help);
        foreach (var value in _values)
            _histograms[value].WriteSamples(text, $"{_label}=\"{value}\"");
    }
}
