using System.Globalization;
using Rampart.Cli.Commands;
using Rampart.Core.Runs;
using Spectre.Console;

namespace Rampart.Cli.Output;

/// <summary>The human view of one run for <c>rampart runs show</c>.</summary>
internal static class RunDetailsView
{
    public static void Write(RunDetails details)
    {
        var run = details.Run;
        AnsiConsole.WriteLine($"run {run.Id}: {run.Pipeline} — {RunsCommand.Status(run.Status)}");
        AnsiConsole.WriteLine($"  commit {run.Commit} ({run.Ref}, {run.Event})");
        AnsiConsole.WriteLine($"  repository {run.Repository}");
        AnsiConsole.WriteLine($"  started {run.StartedAt.ToString("u", CultureInfo.InvariantCulture)}, took {RunsCommand.Duration(run.StartedAt, run.FinishedAt)}");
        if (run.Error is not null)
            AnsiConsole.WriteLine($"  error: {run.Error}");

        var steps = new Table().AddColumns("job", "#", "step", "status", "exit", "duration", "log");
        foreach (var job in details.Jobs)
        {
            steps.AddRow(Markup.Escape(job.Name), "", "", RunsCommand.Status(job.Status), "", RunsCommand.Duration(job.StartedAt, job.FinishedAt), Markup.Escape(job.Error ?? ""));
            foreach (var step in details.Steps.Where(s => s.Job == job.Name))
            {
                steps.AddRow("", (step.Index + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(step.Name), RunsCommand.Status(step.Status),
                    step.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "", RunsCommand.Duration(step.StartedAt, step.FinishedAt), Markup.Escape(step.LogPath ?? ""));
            }
        }

        AnsiConsole.Write(steps);
        if (details.Artifacts.Count > 0)
        {
            var artifacts = new Table().AddColumns("job", "artifact", "digest", "bytes");
            foreach (var artifact in details.Artifacts)
                artifacts.AddRow(Markup.Escape(artifact.Job), Markup.Escape(artifact.Name), artifact.Digest.ToString(), artifact.Size.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(artifacts);
        }

        if (details.Findings.Count > 0)
        {
            var findings = new Table().AddColumns("severity", "rule", "location", "message");
            foreach (var finding in details.Findings)
            {
                var where = finding.Location is { } l ? $"{l.Path}:{l.StartLine}" : "";
                findings.AddRow(finding.Severity.ToString().ToLowerInvariant(), Markup.Escape(finding.RuleId), Markup.Escape(where), Markup.Escape(finding.Message));
            }

            AnsiConsole.Write(findings);
        }
    }
}
