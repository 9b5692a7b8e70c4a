using System.Diagnostics;
using System.Globalization;
using Rampart.Policy;
using Rampart.Policy.Gate;

namespace Rampart.Benchmarks.Policy;

/// <summary>
/// <c>dotnet run -c Release --project bench/Rampart.Benchmarks -- policy-latency</c>: per-decision
/// latency percentiles (p50/p99), which BenchmarkDotNet's summary does not give, and throughput.
/// </summary>
public static class GateLatency
{
    public static void Run(int iterations)
    {
        var gate = RegoGatePolicy.Load(null, null);
        var thousand = GateWorkload.ThousandRules().Prepare(RegoGatePolicy.DenyQuery);
        var input = GateWorkload.EvidenceValue();
        Report("default gate policy", iterations, () => gate.Evaluate(input));
        Report("1,000-rule policy set", Math.Max(50, iterations / 10), () => thousand.Evaluate(new RegoQueryOptions { Input = input }));
    }

    private static void Report(string name, int iterations, Action decide)
    {
        for (var i = 0; i < Math.Min(200, iterations); i++)
            decide();
        var samples = new double[iterations];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var gen2 = GC.CollectionCount(2);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var t = Stopwatch.GetTimestamp();
            decide();
            samples[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        total.Stop();
        var perDecision = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
        var fullCollections = GC.CollectionCount(2) - gen2;
        Array.Sort(samples);
        double P(double q) => samples[Math.Min(samples.Length - 1, (int)(q * samples.Length))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: n={iterations} p50={P(0.50):0.000} ms p99={P(0.99):0.000} ms max={samples[^1]:0.000} ms throughput={iterations / total.Elapsed.TotalSeconds:0} decisions/s allocated={perDecision / 1024.0:0.0} KiB/decision gen2={fullCollections}"));
    }
}
