using System.CommandLine;
using System.Text.Json;
using Rampart.Cli.Output;
using Rampart.Security.Ledger;

namespace Rampart.Cli.Commands.Ledger;

/// <summary><c>rampart ledger verify</c>: recompute the tree, check every checkpoint, name the first bad index.</summary>
internal static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A checkpoint saved earlier ('rampart ledger checkpoint > FILE'); prove the ledger extends it" };
        var key = new Option<string?>("--key") { Description = "Verifier key (or a file holding it) the checkpoints must be signed with; default: the state folder's key" };
        var format = CommonOptions.Format();
        var verify = new Command("verify", "Check that no entry was edited, removed, reordered or truncated (exit 1 and the first bad index if so)");
        verify.Options.Add(checkpoint);
        verify.Options.Add(key);
        verify.Options.Add(format);
        verify.SetAction((result, token) => CliRunner.RunAsync(async () =>
        {
            var state = LedgerState.Folder(result.GetValue(CommonOptions.Home));
            var saved = result.GetValue(checkpoint) is { } path ? LedgerState.ReadCheckpointFile(path) : null;
            using var reader = await LedgerState.OpenReaderAsync(state, LedgerState.DatabaseSetting(result), token);
            var verifier = LedgerState.Verifier(state, result.GetValue(key));
            var outcome = LedgerVerifier.Verify(reader, verifier, saved);
            var keyText = verifier.Text;

            if (result.GetValue(format) == OutputFormat.Json)
            {
                var shape = new
                {
                    verified = outcome.Succeeded,
                    entries = outcome.Entries,
                    checkpoints = outcome.Checkpoints,
                    coveredSize = outcome.CoveredSize,
                    key = keyText,
                    savedCheckpoint = saved is not null,
                    firstBadIndex = outcome.Problem?.Index,
                    problem = outcome.Problem?.Message,
                    warnings = outcome.Warnings,
                };
                await System.Console.Out.WriteLineAsync(JsonSerializer.Serialize(shape, JsonOptions));
            }
            else
            {
                foreach (var warning in outcome.Warnings)
                    await System.Console.Error.WriteLineAsync("warning: " + warning);
                if (outcome.Problem is { } problem)
                {
                    var where = problem.Index is { } index ? $" at entry {index}" : "";
                    await System.Console.Out.WriteLineAsync($"ledger verify FAILED{where}: {problem.Message}");
                }
                else
                {
                    var extends = saved is null ? "" : "; it extends the saved checkpoint";
                    await System.Console.Out.WriteLineAsync(
                        $"ledger verified: {outcome.Entries} entries, {outcome.Checkpoints} signed checkpoints (latest covers {outcome.CoveredSize}){extends}; key {keyText}");
                }
            }

            return outcome.Succeeded ? ExitCode.Success : ExitCode.Failure;
        }));
        return verify;
    }

    // Relaxed escaping keeps base64 '+' and the note's em dash readable; output is JSON, never HTML.
    internal static JsonSerializerOptions JsonOptions { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
