using System.Globalization;
using System.Text.RegularExpressions;

namespace Rampart.Server.Tests.Service;

/// <summary>/metrics after a real run: what an operator's Prometheus scrapes, in its text format.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterOneRun_CountItsDispatchPreparationAndOutcome_InPrometheusTextFormat()
    {
        await using var service = await ServiceHarness.StartAsync();
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), """
            name: one
            jobs:
              only:
                steps:
                  - run: echo ok
            """);
        await service.RegisterRepositoryAsync("acme/one", path);
        await service.StartRunnerAsync("r1");
        var runId = await service.TriggerAsync("acme/one");
        Assert.Equal("succeeded", (await service.WaitForRunAsync(runId, TimeSpan.FromMinutes(2)))["run"]!["status"]!.GetValue<string>());

        var text = await service.Http.GetStringAsync(new Uri(service.Url, "/metrics"), TestContext.Current.CancellationToken);
        var samples = Samples(text);

        Assert.Equal(1, samples["rampart_dispatch_latency_seconds_count"]);
        foreach (var phase in new[] { "fetch", "pipeline", "stages", "total" })
        {
            Assert.Equal(1, samples[$"rampart_run_preparation_seconds_count{{phase=\"{phase}\"}}"]);
            Assert.Equal(1, samples[$"rampart_run_preparation_seconds_bucket{{phase=\"{phase}\",le=\"+Inf\"}}"]);
        }

        // The phases happen one after another, so together they take no longer than the whole.
        var parts = new[] { "fetch", "pipeline", "stages" }.Sum(p => samples[$"rampart_run_preparation_seconds_sum{{phase=\"{p}\"}}"]);
        Assert.InRange(parts, 0, samples["rampart_run_preparation_seconds_sum{phase=\"total\"}"]);
        Assert.Equal(1, samples["rampart_runs_finished_total{outcome=\"succeeded\"}"]);
        Assert.Equal(1, samples["rampart_job_claims_total{result=\"claimed\"}"]);
        Assert.Equal(1, samples["rampart_runners{state=\"registered\"}"]);
        Assert.Equal(0, samples["rampart_queue_jobs{state=\"queued\"}"]);
    }

    /// <summary>Every sample line by its name and labels; fails on a line outside the text format or a metric without HELP and TYPE.</summary>
    private static Dictionary<string, double> Samples(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                typed.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
                continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            Assert.Contains(typed, t => name == t || name.StartsWith(t + "_", StringComparison.Ordinal));
            samples[name + match.Groups["labels"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex("""^(?<name>[a-z_]+)(?<labels>\{([a-z_]+="[^"]*",?)+\})? (?<value>[0-9.eE+-]+)$""")]
    private static partial Regex SampleLine();
}
