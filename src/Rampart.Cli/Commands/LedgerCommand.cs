using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rampart.Cli.Commands.Ledger;
using Rampart.Cli.Hosting;
using Rampart.Cli.Output;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Export;
using Spectre.Console;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart ledger show|verify|proof|checkpoint|export</c>: the tamper-evident audit trail.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "The tamper-evident audit trail: show, verify, prove, checkpoint, export");
        command.Options.Add(LedgerState.Database);
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(LedgerVerifyCommand.Create());
        command.Subcommands.Add(LedgerProofCommand.Create());
        command.Subcommands.Add(CreateCheckpoint());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(LedgerAppendCommand.Create());
        return command;
    }

    internal static Option<long> Since() => new("--since") { Description = "First entry index to include", DefaultValueFactory = _ => 0 };

    private static Command CreateShow()
    {
        var since = Since();
        var limit = new Option<long>("--limit") { Description = "Most entries to show", DefaultValueFactory = _ => long.MaxValue };
        var format = CommonOptions.Format();
        var show = new Command("show", "List ledger entries in order");
        show.Options.Add(since);
        show.Options.Add(limit);
        show.Options.Add(format);
        show.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var from = result.GetValue(since);
            var count = result.GetValue(limit);
            if (from < 0 || count < 1)
                throw new UsageException("--since must be 0 or more and --limit 1 or more");
            using var reader = await LedgerState.OpenReaderAsync(LedgerState.Folder(result.GetValue(CommonOptions.Home)), LedgerState.DatabaseSetting(result), token);
            if (result.GetValue(format) == OutputFormat.Json)
            {
                await using var stdout = System.Console.OpenStandardOutput();
                await using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                writer.WriteStartArray();
                foreach (var stored in reader.RawEntries(from, count))
                {
                    using var document = JsonDocument.Parse(stored.Body);
                    document.RootElement.WriteTo(writer);
                }

                writer.WriteEndArray();
                await writer.FlushAsync(token);
                await stdout.WriteAsync("\n"u8.ToArray(), token);
                return ExitCode.Success;
            }

            var table = new Table().AddColumns("index", "time", "kind", "actor", "subject", "details");
            foreach (var entry in reader.Entries(from, count))
            {
                table.AddRow(entry.Index.ToString(CultureInfo.InvariantCulture), entry.Time.ToString("u", CultureInfo.InvariantCulture),
                    Markup.Escape(entry.Kind), Markup.Escape(entry.Actor), Markup.Escape(entry.Subject),
                    Markup.Escape(string.Join(" ", entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))));
            }

            AnsiConsole.Write(table);
            return ExitCode.Success;
        }));
        return show;
    }

    private static Command CreateCheckpoint()
    {
        var checkpoint = new Command("checkpoint", "Sign a checkpoint of every entry so far and print it (keep it elsewhere for 'verify --checkpoint')");
        checkpoint.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var state = LedgerState.Folder(result.GetValue(CommonOptions.Home));
            var database = LedgerState.DatabaseSetting(result);
            if (database is null && !File.Exists(LedgerPaths.Database(state)))
                throw new UsageException($"{state}: no ledger here (use --home or RAMPART_HOME to point at another state folder)");
            await using var ledger = await LedgerStorages.OpenLedgerAsync(state, database, create: false, token);
            var latest = await ledger.CheckpointAsync(token)
                ?? throw new UsageException($"{state}: the ledger is empty; there is nothing to checkpoint");
            await System.Console.Out.WriteAsync(latest.SignedNote);
            return ExitCode.Success;
        }));
        return checkpoint;
    }

    private static Command CreateExport()
    {
        var since = Since();
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: stdout)" };
        var export = new Command("export", "Write entries as JSON lines with Elastic Common Schema fields, for ELK or a SIEM");
        export.Options.Add(since);
        export.Options.Add(output);
        export.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var from = result.GetValue(since);
            if (from < 0)
                throw new UsageException("--since must be 0 or more");
            var state = LedgerState.Folder(result.GetValue(CommonOptions.Home));
            using var reader = await LedgerState.OpenReaderAsync(state, LedgerState.DatabaseSetting(result), token);
            var name = LedgerKeyStore.LoadVerifier(state)?.Name ?? "rampart-ledger";
            var path = result.GetValue(output);
            await using var stream = path is null ? System.Console.OpenStandardOutput() : File.Create(path);
            await using var buffered = new BufferedStream(stream, 1 << 16);
            var written = EcsLineWriter.Write(reader.RawEntries(from), buffered, name);
            await buffered.FlushAsync(token);
            if (path is not null)
                await System.Console.Error.WriteLineAsync($"wrote {written} entries to {path}");
            return ExitCode.Success;
        }));
        return export;
    }
}
