using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Cli.Tests.Ledger;

public sealed class LedgerCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "rampart-cli-ledger-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Verify_ExitsTwo_WhenThereIsNoLedger()
    {
        var result = await RampartProcess.RunAsync(_home, "ledger", "verify");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no ledger here", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_Show_Verify_Proof_Export_WorkTogether()
    {
        for (var i = 0; i < 3; i++)
        {
            var appended = await RampartProcess.RunAsync(_home, "ledger", "append", "--kind", "deploy.done", "--actor", "ci", "--subject", $"prod/web/{i}", "--detail", "outcome=success");
            Assert.Equal(0, appended.ExitCode);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), appended.Stdout.Trim());
        }

        var show = await RampartProcess.RunAsync(_home, "ledger", "show", "--since", "1", "--format", "json");
        var entries = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("prod/web/1", entries[0].GetProperty("subject").GetString());

        var verify = await RampartProcess.RunAsync(_home, "ledger", "verify", "--format", "json");
        Assert.Equal(0, verify.ExitCode);
        Assert.True(JsonDocument.Parse(verify.Stdout).RootElement.GetProperty("verified").GetBoolean());

        var proof = JsonDocument.Parse((await RampartProcess.RunAsync(_home, "ledger", "proof", "1", "--format", "json")).Stdout).RootElement;
        var hashes = proof.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleProofs.VerifyInclusion(1, proof.GetProperty("treeSize").GetInt64(), Convert.FromBase64String(proof.GetProperty("leafHash").GetString()!),
            hashes, Convert.FromBase64String(proof.GetProperty("checkpoint").GetString()!.Split('\n')[2])));

        var export = await RampartProcess.RunAsync(_home, "ledger", "export");
        var lines = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("deploy.done", first.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal("success", first.GetProperty("event").GetProperty("outcome").GetString());
        Assert.Equal("ci", first.GetProperty("user").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Verify_ExitsOne_AndNamesTheEntry_WhenOneIsEdited_AndSavedCheckpointCatchesARewrite()
    {
        for (var i = 0; i < 4; i++)
            await RampartProcess.RunAsync(_home, "ledger", "append", "--kind", "gate.decided", "--actor", "engine", "--subject", $"run/{i}", "--detail", "decision=pass");
        var checkpoint = await RampartProcess.RunAsync(_home, "ledger", "checkpoint");
        Assert.Equal(0, checkpoint.ExitCode);
        var saved = Path.Combine(_home, "saved.checkpoint");
        await File.WriteAllTextAsync(saved, checkpoint.Stdout, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RampartProcess.RunAsync(_home, "ledger", "verify", "--checkpoint", saved)).ExitCode);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_home, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER entries_no_update; UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), 'pass', 'fail') AS BLOB) WHERE idx = 2;";
            command.ExecuteNonQuery();
        }

        var verify = await RampartProcess.RunAsync(_home, "ledger", "verify");
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("FAILED at entry 2", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RejectsAPinnedKeyThatDidNotSignTheLedger()
    {
        await RampartProcess.RunAsync(_home, "ledger", "append", "--kind", "run.started", "--actor", "engine", "--subject", "run/1");
        const string Other = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
        var verify = await RampartProcess.RunAsync(_home, "ledger", "verify", "--key", Other);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("not signed by ledger key PeterNeumann", verify.Stdout, StringComparison.Ordinal);
        var bad = await RampartProcess.RunAsync(_home, "ledger", "verify", "--key", "nonsense");
        Assert.Equal(2, bad.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
