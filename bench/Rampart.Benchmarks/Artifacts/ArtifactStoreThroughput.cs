using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Engine.Artifacts;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Evidence;

namespace Rampart.Benchmarks.Artifacts;

/// <summary>
/// <c>artifact-store [MB] [RUNS]</c>: writes then reads one artifact of MB megabytes (random bytes, so
/// nothing compresses) through the state folder's files and through PostgreSQL
/// (<c>RAMPART_BENCH_POSTGRES</c>: an admin connection string; a throwaway database is made and
/// dropped). Prints MB/s for each and the process's peak resident memory during each put and read
/// (Linux <c>VmHWM</c>, reset through <c>/proc/self/clear_refs</c> before each).
/// A 200 MB artifact is too slow to repeat many times, hence a plain timer rather than BenchmarkDotNet.
/// </summary>
internal static class ArtifactStoreThroughput
{
    public static async Task RunAsync(int megabytes, int runs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"rampart-bench-artifact-{Guid.NewGuid():N}.bin");
        var folder = Directory.CreateTempSubdirectory("rampart-bench-store-").FullName;
        WriteRandom(file, megabytes);
        Console.WriteLine($"artifact: {megabytes} MB of random bytes; {runs} run(s) each; best of runs shown");
        try
        {
            await MeasureAsync("files", runs, megabytes, file, _ => Task.FromResult<(IArtifactStore, IAsyncDisposable?)>(
                (new FileSystemArtifactStore(Path.Combine(folder, Guid.NewGuid().ToString("N"))), null)));
            if (Environment.GetEnvironmentVariable("RAMPART_BENCH_POSTGRES") is { Length: > 0 } admin)
                await MeasureAsync("postgres", runs, megabytes, file, _ => OpenPostgresAsync(admin));
            else
                Console.WriteLine("postgres: skipped (set RAMPART_BENCH_POSTGRES to an admin connection string)");
        }
        finally
        {
            File.Delete(file);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(string name, int runs, int megabytes, string file, Func<int, Task<(IArtifactStore, IAsyncDisposable?)>> open)
    {
        double bestWrite = 0, bestRead = 0;
        long peakWrite = 0, peakRead = 0;
        for (var run = 0; run < runs; run++)
        {
            var (store, owner) = await open(run);
            try
            {
                GC.Collect();
                var baseline = ResetPeak();
                var clock = Stopwatch.StartNew();
                Digest digest;
                await using (var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                    (digest, _) = await store.PutAsync(input, CancellationToken.None);
                var write = megabytes / clock.Elapsed.TotalSeconds;
                peakWrite = Math.Max(peakWrite, Peak() - baseline);

                GC.Collect();
                baseline = ResetPeak();
                clock.Restart();
                var buffer = new byte[1 << 16];
                await using (var output = store.OpenRead(digest))
                {
                    while (await output.ReadAsync(buffer) > 0)
                    {
                    }
                }

                var read = megabytes / clock.Elapsed.TotalSeconds;
                peakRead = Math.Max(peakRead, Peak() - baseline);
                bestWrite = Math.Max(bestWrite, write);
                bestRead = Math.Max(bestRead, read);
            }
            finally
            {
                if (owner is not null)
                    await owner.DisposeAsync();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-9} write {bestWrite,7:F1} MB/s  read {bestRead,7:F1} MB/s  peak RSS above baseline: write {peakWrite / 1048576.0:F1} MB, read {peakRead / 1048576.0:F1} MB"));
    }

    private static async Task<(IArtifactStore, IAsyncDisposable?)> OpenPostgresAsync(string admin)
    {
        var name = "rampart_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await (await PostgresServiceDatabase.OpenAsync(connection, CancellationToken.None)).DisposeAsync();
        var stores = PostgresEvidenceStores.Open(connection);
        return (stores.Artifacts, new Dropper(stores, admin, name));
    }

    private static void WriteRandom(string file, int megabytes)
    {
        using var output = File.Create(file);
        var block = new byte[1 << 20];
        for (var i = 0; i < megabytes; i++)
        {
            Random.Shared.NextBytes(block);
            output.Write(block);
        }
    }

    /// <summary>Resets the kernel's peak resident set size and returns the current one, in bytes.</summary>
    private static long ResetPeak()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Status("VmRSS:");
    }

    private static long Peak() => Status("VmHWM:");

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Dropper(PostgresEvidenceStores stores, string admin, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stores.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }
}
