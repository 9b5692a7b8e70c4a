using System.CommandLine;
using System.Globalization;
using Rampart.Cli.Hosting;
using Rampart.Cli.Output;
using Rampart.Core.Findings.Sarif;
using Rampart.Core.Runs;
using Rampart.Store.Sqlite;
using Spectre.Console;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart runs list|show</c>: what was recorded about past runs.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "List and inspect recorded runs");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateList()
    {
        var limit = new Option<int>("--limit") { Description = "How many runs, newest first", DefaultValueFactory = _ => 20 };
        var format = CommonOptions.Format();
        var list = new Command("list", "List recent runs, newest first");
        list.Options.Add(limit);
        list.Options.Add(format);
        list.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var count = result.GetValue(limit);
            if (count < 1)
                throw new UsageException("--limit must be at least 1");
            var runs = await OpenStore(result.GetValue(CommonOptions.Home)).ListRunsAsync(count, token);
            if (result.GetValue(format) == OutputFormat.Sarif)
                throw new UsageException("--format sarif applies to 'runs show', which has findings");
            if (result.GetValue(format) == OutputFormat.Json)
            {
                await System.Console.Out.WriteLineAsync(RunJson.Serialize(runs));
                return ExitCode.Success;
            }

            var table = new Table().AddColumns("id", "pipeline", "commit", "event", "status", "started", "duration");
            foreach (var run in runs)
            {
                table.AddRow(run.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Pipeline), run.Commit[..Math.Min(12, run.Commit.Length)],
                    run.Event, Status(run.Status), run.StartedAt.ToString("u", CultureInfo.InvariantCulture), Duration(run.StartedAt, run.FinishedAt));
            }

            AnsiConsole.Write(table);
            return ExitCode.Success;
        }));
        return list;
    }

    private static Command CreateShow()
    {
        var id = new Argument<long>("id") { Description = "Run id (from rampart runs list)" };
        var format = CommonOptions.Format();
        var show = new Command("show", "Show one run: jobs, steps, artifacts and findings");
        show.Arguments.Add(id);
        show.Options.Add(format);
        show.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var runId = result.GetValue(id);
            var details = await OpenStore(result.GetValue(CommonOptions.Home)).GetRunAsync(runId, token)
                ?? throw new UsageException($"run {runId}: no such run");
            if (result.GetValue(format) == OutputFormat.Json)
                await System.Console.Out.WriteLineAsync(RunJson.Serialize(details));
            else if (result.GetValue(format) == OutputFormat.Sarif)
                await System.Console.Out.WriteAsync(SarifWriter.ToJson(ToolInfo.Sarif, [], details.Findings));
            else
                RunDetailsView.Write(details);
            return ExitCode.Success;
        }));
        return show;
    }

    private static SqliteRunStore OpenStore(string? home)
    {
        var state = StateFolder.Resolve(home, Directory.GetCurrentDirectory());
        var database = StateFolder.DatabasePath(state);
        if (!File.Exists(database))
            throw new UsageException($"{state}: no runs recorded here (use --home or RAMPART_HOME to point at another state folder)");
        return new SqliteRunStore(database);
    }

    internal static string Status(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    internal static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? (e - s).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s" : "";
}
