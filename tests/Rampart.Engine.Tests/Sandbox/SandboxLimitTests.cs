using System.Globalization;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Sandbox;

/// <summary>Invariant I2, lifetime and resources: a step cannot outlive its job or exhaust the host.</summary>
public sealed class SandboxLimitTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new();

    [Fact]
    public async Task BackgroundProcess_DoesNotOutliveTheStep()
    {
        var token = Random.Shared.Next(1_000_000, 9_000_000).ToString(CultureInfo.InvariantCulture);
        var heartbeat = Path.Combine(_sandbox.Workspace, "alive");

        var (result, _) = await _sandbox.RunAsync(
            $"(while true; do date +%s%N > /workspace/alive; sleep 0.05; done) & setsid sleep {token} & nohup sleep {token} >/dev/null 2>&1 & disown -a; sleep 0.3; echo started");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(heartbeat));
        var before = await File.ReadAllTextAsync(heartbeat, TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(before, await File.ReadAllTextAsync(heartbeat, TestContext.Current.CancellationToken));
        Assert.Empty(HostProcessesWithArgument(token));
    }

    [Fact]
    public async Task Step_IsKilled_WhenItExceedsItsTimeout()
    {
        var (result, _) = await _sandbox.RunAsync("sleep 30", timeout: TimeSpan.FromSeconds(1));

        Assert.True(result.TimedOut);
        Assert.False(result.Succeeded);
        Assert.Contains("time limit", result.LimitMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_IsKilled_WhenItExceedsItsOutputLimit()
    {
        var limits = ResourceLimits.Default with { OutputBytes = 64 * 1024 };

        var (result, output) = await _sandbox.RunAsync("yes rampart", limits: limits, timeout: TimeSpan.FromSeconds(30));

        Assert.True(result.OutputLimitExceeded);
        Assert.False(result.TimedOut);
        Assert.True(output.Length <= 64 * 1024);
    }

    [Fact]
    public async Task ForkBomb_IsStoppedByTheProcessLimit()
    {
        Assert.True(CgroupsWritable(), "cgroup v1 memory and pids controllers are needed (run as root)");
        var limits = ResourceLimits.Default with { Processes = 32 };

        var (result, output) = await _sandbox.RunAsync(
            "for i in $(seq 100); do sleep 5 & done; wait", limits: limits, timeout: TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("fork", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryHog_IsKilledByTheMemoryLimit()
    {
        Assert.True(CgroupsWritable(), "cgroup v1 memory and pids controllers are needed (run as root)");
        var limits = ResourceLimits.Default with { MemoryBytes = 64L * 1024 * 1024 };

        var (result, _) = await _sandbox.RunAsync(
            "python3 -c 'x = bytearray(512 * 1024 * 1024); print(len(x))'", limits: limits, timeout: TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.MemoryLimitHit);
    }

    [Fact]
    public async Task StepsOfOneJob_CannotSeeAnotherJobsWorkspace()
    {
        using var other = new SandboxFixture();
        await File.WriteAllTextAsync(Path.Combine(other.Workspace, "build-output.txt"), "other-job-data", TestContext.Current.CancellationToken);

        var (result, output) = await _sandbox.RunAsync(
            $"cat '{other.Workspace}/build-output.txt' || find / -name build-output.txt -not -path '/proc/*' 2>/dev/null; exit 1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("other-job-data", output, StringComparison.Ordinal);
        Assert.DoesNotContain("build-output.txt\n", output, StringComparison.Ordinal);
    }

    private static bool CgroupsWritable() =>
        Directory.Exists("/sys/fs/cgroup/memory") && Directory.Exists("/sys/fs/cgroup/pids") && Environment.UserName == "root";

    private static List<int> HostProcessesWithArgument(string token)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (cmdline.Contains(token, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public void Dispose() => _sandbox.Dispose();
}
