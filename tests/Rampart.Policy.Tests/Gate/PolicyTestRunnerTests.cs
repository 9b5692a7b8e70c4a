using Rampart.Policy.Testing;

namespace Rampart.Policy.Tests.Gate;

public sealed class PolicyTestRunnerTests
{
    [Fact]
    public void Run_ReportsPassFailAndError_PerTestRule()
    {
        var policy = RegoPolicy.Compile([new RegoModuleSource("t_test.rego", """
            package t

            test_passes if 1 == 1

            test_fails if 1 == 2

            test_errors if to_number("x") == 1

            helper := true
            """)]);
        var results = PolicyTestRunner.Run(policy).ToDictionary(r => r.Name);
        Assert.Equal(3, results.Count);
        Assert.True(results["data.t.test_passes"].Passed);
        Assert.False(results["data.t.test_fails"].Passed);
        Assert.Null(results["data.t.test_fails"].Error);
        Assert.Contains("eval_builtin_error", results["data.t.test_errors"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultGatePolicy_ShipsAsParsableRego()
    {
        var policy = RegoPolicy.Compile([new RegoModuleSource("gate.rego", Policy.Gate.RegoGatePolicy.DefaultPolicySource)]);
        Assert.Contains("rampart.gate", policy.Packages);
    }
}
