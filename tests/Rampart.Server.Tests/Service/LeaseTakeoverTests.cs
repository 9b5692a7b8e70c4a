using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// A replica that loses a run's lease while alive (its database writes stalled past the lease, say)
/// stops carrying the run without ending it: the replica holding the lease carries it on.
/// </summary>
public sealed class LeaseTakeoverTests
{
    [Fact]
    public async Task AReplicaThatLosesTheLease_NeitherCancelsTheRunNorItsJob_AndTheRunFinishesOnce()
    {
        await using var service = await ServiceHarness.StartAsync("job_lease_seconds=5");
        var (path, _) = await TestRepository.CreateAsync(Path.Combine(service.Root, "repo"), """
            name: slow
            jobs:
              slow:
                steps:
                  - run: echo slow-started; sleep 10; echo slow-done
            """);
        await service.RegisterRepositoryAsync("acme/lease", path);
        var runner = await service.StartRunnerAsync("r1");
        var runId = await service.TriggerAsync("acme/lease");
        await runner.WaitForLineAsync("job slow of run", TimeSpan.FromSeconds(120));

        // Another replica takes the lease for a few seconds (then "dies": its lease lapses).
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(service.State, "service.db")}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var steal = connection.CreateCommand();
            steal.CommandText = "UPDATE run_triggers SET lease_owner = 'other-replica', lease_expires_at = $until WHERE run_id = $run;";
            steal.Parameters.AddWithValue("$until", DateTimeOffset.UtcNow.AddSeconds(6).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            steal.Parameters.AddWithValue("$run", runId);
            Assert.Equal(1, await steal.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await service.Server.WaitForLineAsync("lease taken by another replica", TimeSpan.FromSeconds(60));
        var details = await service.WaitForRunAsync(runId, TimeSpan.FromSeconds(180));

        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.Equal("succeeded", ServiceHarness.Status(details, "slow"));
        Assert.Single(runner.Output.Split('\n'), line => line.Contains($"job slow of run {runId}", StringComparison.Ordinal));
    }
}
