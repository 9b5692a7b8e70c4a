using System.Diagnostics;
using Rampart.Policy.Values;

namespace Rampart.Policy.Testing;

/// <summary>Runs every rule named <c>test_*</c>, like <c>opa test</c>: a test passes when its value is defined and not false.</summary>
public static class PolicyTestRunner
{
    public static IReadOnlyList<PolicyTestResult> Run(RegoPolicy policy, Value? data = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var results = new List<PolicyTestResult>();
        foreach (var (path, file) in policy.TestRules.OrderBy(t => t.File, StringComparer.Ordinal).ThenBy(t => t.Path, StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var value = policy.Prepare(path).Evaluate(new RegoQueryOptions { Data = data, Now = now, StrictBuiltinErrors = true });
                results.Add(new PolicyTestResult(path, file, value is not null and not BooleanValue { Value: false }, null, watch.Elapsed));
            }
            catch (RegoException e)
            {
                results.Add(new PolicyTestResult(path, file, false, e.Message, watch.Elapsed));
            }
        }

        return results;
    }
}
