using System.Text.RegularExpressions;
using Rampart.Store.Postgres.Tests.Backends;

namespace Rampart.Server.Tests.Service;

/// <summary>Two server processes on one PostgreSQL database, each with its own runners.</summary>
public sealed partial class ReplicaTests
{
    private const string Pipeline = """
        name: fan-out
        jobs:
          a:
            steps:
              - run: echo a
          b:
            steps:
              - run: echo b
          c:
            needs: [a, b]
            steps:
              - run: echo c
        """;

    [Fact]
    public async Task TwoReplicasOnOnePostgres_NeverHandTheSameJobToTwoRunners_AndLoseNone()
    {
        await using var database = await ThrowawayDatabase.CreateAsync("rampart_replicas_");
        var connection = database.ConnectionString;
        var root = Directory.CreateTempSubdirectory("rampart-replicas-").FullName;
        try
        {
            // Replicas share the state folder (keys, ledger, artifacts) and the database; the second keeps its cache elsewhere.
            var secondCache = Path.Combine(root, "cache-two");
            await using var first = await ServiceHarness.StartAsync(root, "server", "database=postgres:" + connection, "replica_id=one");
            await using var second = await ServiceHarness.RestartAsync(root, "server", first.AdminToken!, "database=postgres:" + connection, "replica_id=two",
                "cache_dir=" + secondCache);
            var (path, _) = await TestRepository.CreateAsync(Path.Combine(root, "repo"), Pipeline);
            await first.RegisterRepositoryAsync("acme/fan", path);
            var runners = new List<RampartChild>
            {
                await first.StartRunnerAsync("one-a"), await first.StartRunnerAsync("one-b"),
                await second.StartRunnerAsync("two-a"), await second.StartRunnerAsync("two-b"),
            };

            const int Runs = 12;
            var runIds = new List<long>();
            for (var i = 0; i < Runs; i++)
                runIds.Add(await (i % 2 == 0 ? first : second).TriggerAsync("acme/fan"));
            foreach (var runId in runIds)
            {
                var details = await first.WaitForRunAsync(runId, TimeSpan.FromMinutes(3));
                Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
            }

            var handed = runners.SelectMany(r => HandOut().Matches(r.Output).Select(m => $"{m.Groups["run"].Value}/{m.Groups["job"].Value}")).ToList();
            Assert.Equal(Runs * 3, handed.Count);
            Assert.Equal(handed.Count, handed.Distinct(StringComparer.Ordinal).Count());
            Assert.True(runners.Count(r => HandOut().IsMatch(r.Output)) >= 2, "jobs were spread over the runners of both replicas");
            Assert.NotEmpty(Directory.GetDirectories(Path.Combine(root, "server", "cache", "mirrors")));
            Assert.NotEmpty(Directory.GetDirectories(Path.Combine(secondCache, "mirrors")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"job (?<job>[a-z]+) of run (?<run>\d+) ")]
    private static partial Regex HandOut();
}
