using System.Net.Http.Json;
using Npgsql;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// Two server processes with their own state folders (as on two hosts) on one PostgreSQL: a runner of
/// replica A uploads an artifact to A; replica B, which orchestrates the run, reads it back to sign it,
/// stores the provenance, and verifies both before its deploy job. Neither state folder holds either.
/// </summary>
public sealed class EvidenceReplicaTests
{
    private const string Pipeline = """
        name: shared-evidence
        jobs:
          build:
            steps:
              - name: package
                run: mkdir -p out; head -c 3000000 /dev/urandom > out/app.bin
            artifacts: [out/app.bin]
          ship:
            needs: build
            environment: staging
            steps:
              - name: deploy
                run: echo shipped
        """;

    [Fact]
    public async Task ArtifactUploadedThroughReplicaA_IsSignedAndVerifiedBeforeDeployByReplicaB_FromPostgres()
    {
        await using var throwaway = await ThrowawayDatabase.CreateAsync("evidence_test_");
        var connection = throwaway.ConnectionString;
        var database = throwaway.Setting;
        var root = Directory.CreateTempSubdirectory("rampart-evidence-replicas-").FullName;
        try
        {
            var homeA = Path.Combine(root, "home-a");
            await using var first = await ServiceHarness.StartAsync(root, "home-a", "database=" + database, "replica_id=a");
            // The operator copies the keys (signing key and ledger key) to every replica; nothing else.
            var homeB = Directory.CreateDirectory(Path.Combine(root, "home-b"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
            File.Copy(Path.Combine(homeA, "ledger.key"), Path.Combine(homeB, "ledger.key"));
            CopyFolder(Path.Combine(homeA, "keys"), Path.Combine(homeB, "keys"));
            await using var second = await ServiceHarness.RestartAsync(root, "home-b", first.AdminToken!, "database=" + database, "replica_id=b");
            var (path, _) = await TestRepository.CreateAsync(Path.Combine(root, "repo"), Pipeline);
            await first.RegisterRepositoryAsync("acme/shared", path);
            using (var environment = await second.Http.PutAsJsonAsync("api/v1/repositories/acme/shared/environments/staging", new { }, TestContext.Current.CancellationToken))
                Assert.True(environment.IsSuccessStatusCode, await environment.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var runner = await first.StartRunnerAsync("only-on-a");

            var runId = await second.TriggerAsync("acme/shared");
            var details = await second.WaitForRunAsync(runId, TimeSpan.FromMinutes(2));

            var log = await second.LogAsync(runId, "_run", 0);
            Assert.True(details["run"]!["status"]!.GetValue<string>() == "succeeded", details.ToJsonString() + log + second.Server.Output);
            Assert.Contains("job build of run", runner.Output, StringComparison.Ordinal);
            Assert.Contains("provenance written", log, StringComparison.Ordinal);
            Assert.Contains("deploy 'ship' to staging: verified: ", log, StringComparison.Ordinal);
            var digest = details["artifacts"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "out/app.bin")!["digest"]!.GetValue<string>();
            Assert.Equal(3, await ScalarAsync(connection, $"SELECT chunks FROM artifact_blobs WHERE digest = '{digest}'"));
            Assert.True(await ScalarAsync(connection, $"SELECT COUNT(*) FROM run_attestations WHERE run_id = {runId} AND kind = 'provenance'") == 1);
            foreach (var home in new[] { homeA, homeB })
            {
                Assert.False(Directory.Exists(Path.Combine(home, "artifacts")), home);
                Assert.False(Directory.Exists(Path.Combine(home, "attestations")), home);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
