using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Rampart.Core.Audit;

namespace Rampart.Cli.Commands.Ledger;

/// <summary>
/// <c>rampart ledger append</c>: record an event from a pipeline Rampart does not run (a GitHub
/// Actions or GitLab CI step), so one ledger holds the whole trail. Never pass a secret value.
/// </summary>
internal static partial class LedgerAppendCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "Event kind, e.g. deploy.done (see docs/ledger.md for the standard kinds)", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who caused it", Required = true };
        var subject = new Option<string>("--subject") { Description = "What it is about", Required = true };
        var detail = new Option<string[]>("--detail") { Description = "A fact as key=value; repeat for more", AllowMultipleArgumentsPerToken = false };
        var append = new Command("append", "Record one event (for steps of pipelines Rampart does not run)");
        append.Options.Add(kind);
        append.Options.Add(actor);
        append.Options.Add(subject);
        append.Options.Add(detail);
        append.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var kindText = result.GetValue(kind)!;
            if (!KindPattern().IsMatch(kindText))
                throw new UsageException($"--kind '{kindText}' must look like area.verb in lower case (e.g. {AuditKinds.DeployDone})");
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(detail) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals < 1)
                    throw new UsageException($"--detail '{pair}' must be key=value");
                if (!details.TryAdd(pair[..equals], pair[(equals + 1)..]))
                    throw new UsageException($"--detail '{pair[..equals]}' is given twice");
            }

            var state = LedgerState.Folder(result.GetValue(CommonOptions.Home));
            Hosting.StateFolder.Ensure(state);
            await using var ledger = await Hosting.LedgerStorages.OpenLedgerAsync(state, LedgerState.DatabaseSetting(result), create: true, token);
            var index = await ledger.AppendEntryAsync(new AuditEvent(kindText, result.GetValue(actor)!, result.GetValue(subject)!, details), token);
            await System.Console.Out.WriteLineAsync(index.ToString(CultureInfo.InvariantCulture));
            return ExitCode.Success;
        }));
        return append;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();
}
