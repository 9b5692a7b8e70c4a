using Microsoft.Extensions.Logging;
using Rampart.Core.Artifacts;
using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Engine.Pipeline;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Runs the before-job work once on a small sample tree right after the server starts, so that the
/// first pushes do not pay for compiling it: the built-in secret rules and their patterns, the
/// configuration scanner, the pipeline parser (≈ 0.3 s of CPU that the first run waited for).
/// </summary>
internal static class ServerWarmUp
{
    private const string Pipeline = """
        name: warm-up
        jobs:
          build:
            steps:
              - run: make
        """;

    public static async Task RunAsync(IReadOnlyList<IStage> stages, IArtifactStore artifacts, ILogger logger)
    {
        var folder = Directory.CreateTempSubdirectory("rampart-warm-up-");
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Directory.CreateDirectory(Path.Combine(folder.FullName, ".rampart"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".rampart", "pipeline.yml"), Pipeline).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "settings.env"), Sample()).ConfigureAwait(false);
            PipelineLoader.Parse(Pipeline, ".rampart/pipeline.yml");
            var run = new RunRecord
            {
                Id = 0, Pipeline = "warm-up", Repository = "", Ref = "refs/heads/warm-up", Commit = new string('0', 40), Event = "warm-up",
                Status = Outcome.Running, StartedAt = DateTimeOffset.UtcNow,
            };
            foreach (var stage in stages.Where(s => s.Phase == StagePhase.BeforeJobs))
            {
                await stage.RunAsync(new StageContext(run, folder.FullName, folder.FullName, [], artifacts, TextWriter.Null), CancellationToken.None).ConfigureAwait(false);
            }

            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("warm-up of the before-job stages took {Milliseconds:0} ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // a warm-up that fails costs the first run some time, nothing else
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "warm-up of the before-job stages failed");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Every keyword of the built-in secret rules once, each in an assignment, so each rule's pattern runs.
    private static string Sample()
    {
        var text = new System.Text.StringBuilder();
        foreach (var rule in Security.Scanning.SecretScan.Config.BuiltInRules.Compiled.Rules)
        {
            foreach (var keyword in rule.Keywords)
                text.Append(keyword).Append("_value = \"Zq8vTm2xKp4wRb7nYc3hLd6jW\"\n");
        }

        return text.ToString();
    }
}
