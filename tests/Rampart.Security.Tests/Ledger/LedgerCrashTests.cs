using System.Diagnostics;
using System.Globalization;
using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger;

/// <summary>
/// Starts a separate process that appends from several writers, kills it with SIGKILL at a random
/// moment, and checks the file: it verifies, holds no partial entry, and keeps every append the
/// child had been told was durable. Some rounds run two children on one file at once.
/// <c>RAMPART_LEDGER_SOAK=N</c> runs N rounds instead of 12.
/// </summary>
public sealed class LedgerCrashTests
{
    [Fact]
    public async Task KillNine_AtRandomMoments_LeavesAVerifiableLedgerWithEveryAcknowledgedEntry()
    {
        using var folder = new TempLedgerFolder();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("RAMPART_LEDGER_SOAK"), CultureInfo.InvariantCulture, out var soak) ? soak : 12;
        var random = new Random(6962);
        long highestAck = -1;
        var killedWithAcks = 0;
        for (var round = 0; round < rounds; round++)
        {
            // Every third round two processes append to the same file at once and both are killed.
            var children = round % 3 == 2 ? 2 : 1;
            var acks = await Task.WhenAll(Enumerable.Range(0, children).Select(c =>
                RunAndKillAsync(folder.Path, writers: 1 + ((round + c) % 8), delay: TimeSpan.FromMilliseconds(random.Next(0, 700)))));
            var acked = acks.Max();
            highestAck = Math.Max(highestAck, acked);
            if (acked >= 0)
                killedWithAcks++;

            var result = folder.Verify();
            Assert.True(result.Succeeded, $"round {round}: {result.Problem?.Message}");
            using var reader = LedgerReader.Open(folder.Path);
            Assert.True(reader.Count > highestAck, $"round {round}: acknowledged entry {highestAck} is missing (count {reader.Count})");
            // Every stored row is a whole record: it parses and says which index it is.
            var expected = 0L;
            foreach (var entry in reader.Entries())
                Assert.Equal(expected++, entry.Index);
        }

        Assert.True(killedWithAcks > rounds / 2, $"only {killedWithAcks} of {rounds} children appended before being killed");
    }

    private static async Task<long> RunAndKillAsync(string state, int writers, TimeSpan delay)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "Rampart.Security.CrashChild.dll");
        Assert.True(File.Exists(child), child);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(child);
        start.ArgumentList.Add(state);
        start.ArgumentList.Add(writers.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        long lastAck = -1;
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref lastAck, Math.Max(Interlocked.Read(ref lastAck), long.Parse(line[4..], CultureInfo.InvariantCulture)));
                    firstAck.TrySetResult();
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();

        // Most rounds kill mid-append (after the first durable entry); some kill during start-up.
        if (delay.TotalMilliseconds > 100)
            await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        await Task.Delay(delay);
        if (process.HasExited)
            Assert.Fail("the child stopped by itself: " + await errors);
        process.Kill(); // SIGKILL on Linux: no finalizers, no flush, no final checkpoint.
        await process.WaitForExitAsync();
        await reading;
        return Interlocked.Read(ref lastAck);
    }
}
