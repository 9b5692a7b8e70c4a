using System.Diagnostics;
using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger;

/// <summary>
/// Hands a real ledger's checkpoint, entries and proofs to an independent verifier written from
/// the specs on Node's crypto (<c>tests/tools/scripts/verify-ledger-checkpoint.mjs</c>).
/// </summary>
public sealed class LedgerNodeInteropTests
{
    [Fact]
    public async Task NodeVerifier_AcceptsOurCheckpointRootAndProofs()
    {
        var (ok, output) = await RunAsync(tamper: false);
        Assert.True(ok, output);
        Assert.Contains("\"size\":37", output, StringComparison.Ordinal);
        Assert.Contains("\"proofs\":37", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeVerifier_RejectsTheSameInput_WithOneEntryAltered()
    {
        var (ok, output) = await RunAsync(tamper: true);
        Assert.False(ok);
        Assert.Contains("root hash of the entries does not match", output, StringComparison.Ordinal);
    }

    private static async Task<(bool Ok, string Output)> RunAsync(bool tamper)
    {
        using var folder = new TempLedgerFolder();
        await folder.FillAsync(37);
        using var reader = LedgerReader.Open(folder.Path);
        var checkpoint = reader.LatestCheckpoint()!;
        Assert.Equal(37, checkpoint.Size);
        var entries = reader.RawEntries().Select(e => e.Body).ToList();
        var proofs = Enumerable.Range(0, 37).Select(i => new
        {
            index = i,
            proof = reader.ProveInclusion(i, 37).Hashes.Select(Convert.ToBase64String).ToArray(),
        }).ToArray();
        if (tamper)
            entries[20] = [.. entries[20].Select(b => b == (byte)'s' ? (byte)'S' : b)];
        var input = new
        {
            verifierKey = LedgerKeyStore.LoadVerifier(folder.Path)!.Text,
            checkpoint = checkpoint.SignedNote,
            entries = entries.Select(Convert.ToBase64String).ToArray(),
            proofs,
        };
        var inputPath = Path.Combine(folder.Path, "interop.json");
        await File.WriteAllTextAsync(inputPath, JsonSerializer.Serialize(input), TestContext.Current.CancellationToken);

        var script = Path.Combine(RepoPaths.Root, "tests", "tools", "scripts", "verify-ledger-checkpoint.mjs");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(inputPath);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode == 0, await stdout + await stderr);
    }
}
