using System.Text.Json;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// Two server processes on one PostgreSQL, each with its own state folder (as on two hosts), append
/// to one ledger in that database; a replica given its own ledger key is refused at start-up.
/// </summary>
public sealed class LedgerReplicaTests
{
    private const int PerReplica = 15;

    [Fact]
    public async Task TwoReplicasWithTheirOwnStateFolders_AppendToOneLedgerInPostgres_ThatVerifies()
    {
        await using var throwaway = await ThrowawayDatabase.CreateAsync("ledger_test_");
        var database = throwaway.Setting;
        var root = Directory.CreateTempSubdirectory("rampart-ledger-replicas-").FullName;
        try
        {
            var homeA = Path.Combine(root, "home-a");
            await using var first = await ServiceHarness.StartAsync(root, "home-a", "database=" + database, "replica_id=a");
            // Every replica signs with the ledger's key: the operator copies ledger.key as it copies the other keys.
            var homeB = Directory.CreateDirectory(Path.Combine(root, "home-b"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
            File.Copy(Path.Combine(homeA, "ledger.key"), Path.Combine(homeB, "ledger.key"));
            await using var second = await ServiceHarness.RestartAsync(root, "home-b", first.AdminToken!, "database=" + database, "replica_id=b");

            // Each registration token is a runner.changed entry, appended by the replica that issued it.
            await Task.WhenAll(Enumerable.Range(0, 2 * PerReplica).Select(i => (i % 2 == 0 ? first : second).RegistrationTokenAsync()));

            Assert.False(File.Exists(Path.Combine(homeA, "ledger.db")));
            Assert.False(File.Exists(Path.Combine(homeB, "ledger.db")));
            var verify = await RampartChild.RunOnceAsync(ServiceHarness.Environment(root), "", "--home", homeB, "ledger", "verify", "--database", database, "--format", "json");
            var outcome = JsonDocument.Parse(verify.Output[verify.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
            Assert.True(outcome.GetProperty("verified").GetBoolean(), verify.Output);
            var show = await RampartChild.RunOnceAsync(ServiceHarness.Environment(root), "", "--home", homeA, "ledger", "show", "--database", database, "--format", "json");
            var entries = JsonDocument.Parse(show.Output).RootElement.EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.GetProperty("index").GetInt64()));
            Assert.Equal(2 * PerReplica, entries.Count(e => e.GetProperty("kind").GetString() == "runner.changed"));

            await using var third = StartReplicaWithItsOwnKey(root, database);
            Assert.Equal(2, await third.WaitForExitAsync());
            Assert.Contains("same ledger.key", third.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // A replica whose state folder has a key of its own: it must refuse to start rather than sign with it.
    private static RampartChild StartReplicaWithItsOwnKey(string root, string database) =>
        RampartChild.Start(ServiceHarness.Environment(root), "--home", Path.Combine(root, "home-c"), "server", "--listen", "http://127.0.0.1:0", "--set", "database=" + database);
}
