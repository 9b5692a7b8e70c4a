using BenchmarkDotNet.Attributes;
using Rampart.Core.Policy;
using Rampart.Policy;
using Rampart.Policy.Gate;
using Rampart.Policy.Values;

namespace Rampart.Benchmarks.Policy;

/// <summary>Gate decisions: the default gate policy and a 1,000-rule policy set over a realistic evidence document.</summary>
[MemoryDiagnoser]
public class GatePolicyBenchmarks
{
    private RegoGatePolicy gate = null!;
    private PreparedQuery thousand = null!;
    private Value evidence = null!;

    [GlobalSetup]
    public void Setup()
    {
        gate = RegoGatePolicy.Load(null, null);
        thousand = GateWorkload.ThousandRules().Prepare(RegoGatePolicy.DenyQuery);
        evidence = GateWorkload.EvidenceValue();
    }

    [Benchmark(Baseline = true)]
    public PolicyDecision DefaultGateDecision() => gate.Evaluate(evidence);

    [Benchmark]
    public Value? ThousandRulePolicy() => thousand.Evaluate(new RegoQueryOptions { Input = evidence });

    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public RegoGatePolicy CompileDefaultPolicy() => RegoGatePolicy.Load(null, null);
}
