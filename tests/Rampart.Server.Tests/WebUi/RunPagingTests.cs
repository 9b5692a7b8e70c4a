using Microsoft.Data.Sqlite;
using Rampart.Core.Runs;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Tests.Backends;
using Rampart.Store.Sqlite.Service;

namespace Rampart.Server.Tests.WebUi;

/// <summary>The runs page's keyset paging over 10,000 runs, in SQLite and PostgreSQL: every run once, newest first, by index.</summary>
public sealed class RunPagingTests
{
    private const int Runs = 10_000;

    // Runs alternate between two repositories; acme/r1 also alternates between two pipelines.
    private const string Columns = "(pipeline, repository, ref, commit_sha, event, status, started_at)";

    [Fact]
    public async Task Sqlite_PagesTenThousandRuns_EveryRunOnce_NewestFirst_ThroughTheRepositoryIndex()
    {
        var folder = Directory.CreateTempSubdirectory("rampart-paging-");
        try
        {
            var path = Path.Combine(folder.FullName, "service.db");
            await using var database = SqliteServiceDatabase.Open(path);
            await database.Runs.ListRunsAsync(1, TestContext.Current.CancellationToken);
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Runs})
                    INSERT INTO runs {Columns}
                    SELECT CASE WHEN i % 4 = 1 THEN 'nightly' ELSE 'ci' END, 'acme/r' || (i % 2), 'refs/heads/main', printf('%040d', i), 'push', 'Succeeded', '2026-01-01T00:00:00.0000000Z' FROM n;
                    """;
                await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

                await using var plan = connection.CreateCommand();
                plan.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM runs WHERE 1 = 1 AND id < 500 AND repository = 'acme/r1' ORDER BY id DESC LIMIT 50;";
                var steps = new List<string>();
                await using (var reader = await plan.ExecuteReaderAsync(TestContext.Current.CancellationToken))
                {
                    while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                        steps.Add(reader.GetString(3));
                }

                Assert.Contains(steps, s => s.Contains("runs_repository", StringComparison.Ordinal));
                Assert.DoesNotContain(steps, s => s.Contains("TEMP B-TREE", StringComparison.Ordinal));
            }

            await AssertPagesAsync(database.Runs);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Postgres_PagesTenThousandRuns_EveryRunOnce_NewestFirst()
    {
        await using var throwaway = await ThrowawayDatabase.CreateAsync("rampart_paging_");
        await using var database = await PostgresServiceDatabase.OpenAsync(throwaway.ConnectionString, TestContext.Current.CancellationToken);
        await ThrowawayDatabase.ExecuteAsync(throwaway.ConnectionString, $"""
            INSERT INTO runs {Columns}
            SELECT CASE WHEN i % 4 = 1 THEN 'nightly' ELSE 'ci' END, 'acme/r' || (i % 2), 'refs/heads/main', lpad(i::text, 40, '0'), 'push', 'Succeeded', now()
            FROM generate_series(1, {Runs}) AS i;
            """);
        await AssertPagesAsync(database.Runs);
    }

    private static async Task AssertPagesAsync(IRunStore store)
    {
        var browser = Assert.IsAssignableFrom<IRunBrowser>(store);
        Assert.Equal(Runs, await CollectAsync(browser, null, null));
        Assert.Equal(Runs / 2, await CollectAsync(browser, "acme/r1", null));
        Assert.Equal(Runs / 4, await CollectAsync(browser, "acme/r1", "nightly"));
        Assert.Equal(Runs / 4, await CollectAsync(browser, "acme/r1", "ci"));
        Assert.Equal(0, await CollectAsync(browser, "acme/none", null));
    }

    /// <summary>Pages to the end 50 at a time; checks ids strictly fall and every run matches the filter; returns how many.</summary>
    private static async Task<int> CollectAsync(IRunBrowser browser, string? repository, string? pipeline)
    {
        var seen = 0;
        long? before = null;
        while (true)
        {
            var page = await browser.ListRunsAsync(new RunQuery(50, before, repository, pipeline), TestContext.Current.CancellationToken);
            foreach (var run in page)
            {
                Assert.True(before is null || run.Id < before, $"run {run.Id} after {before}");
                Assert.True(repository is null || run.Repository == repository);
                Assert.True(pipeline is null || run.Pipeline == pipeline);
                before = run.Id;
            }

            seen += page.Count;
            if (page.Count < 50)
                return seen;
        }
    }
}
