using System.Net;
using System.Net.Sockets;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Tests.Sandbox;

/// <summary>Invariant I2: each test is an attack a step might try; each must fail inside the sandbox.</summary>
public sealed class SandboxIsolationTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new();

    [Fact]
    public async Task Step_CannotReadFilePlantedInHostHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var planted = Path.Combine(home, $".rampart-probe-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(planted, "host-home-secret", TestContext.Current.CancellationToken);
        try
        {
            var (result, output) = await _sandbox.RunAsync($"cat '{planted}'");

            Assert.NotEqual(0, result.ExitCode);
            Assert.DoesNotContain("host-home-secret", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(planted);
        }
    }

    [Fact]
    public async Task Step_CannotReadStateFolderBesideTheJob()
    {
        var state = Path.Combine(_sandbox.Root, "state");
        Directory.CreateDirectory(state);
        await File.WriteAllTextAsync(Path.Combine(state, "signing.key"), "PRIVATE-KEY-MATERIAL", TestContext.Current.CancellationToken);

        var (result, output) = await _sandbox.RunAsync($"cat '{state}/signing.key'; ls '{_sandbox.Root}'; cat /proc/1/root{state}/signing.key");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("PRIVATE-KEY-MATERIAL", output, StringComparison.Ordinal);
        Assert.Contains("No such file", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/rampart-escape")]
    [InlineData("/etc/rampart-escape")]
    [InlineData("/opt/rampart-escape")]
    public async Task Step_CannotWriteToSystemDirectories(string target)
    {
        var (result, _) = await _sandbox.RunAsync($"echo pwned > {target}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Step_CannotWriteIntoHostPathOutsideTheJob()
    {
        var outside = Path.Combine(_sandbox.Root, "outside");
        Directory.CreateDirectory(outside);

        var (result, _) = await _sandbox.RunAsync($"echo pwned > '{outside}/x'");

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(outside, "x")));
    }

    [Fact]
    public async Task Step_WritesToTmp_AreGoneAfterTheStep()
    {
        var marker = $"rampart-tmp-{Guid.NewGuid():N}";

        var (first, _) = await _sandbox.RunAsync($"echo x > /tmp/{marker}");
        var (second, output) = await _sandbox.RunAsync($"ls /tmp/{marker}");

        Assert.Equal(0, first.ExitCode);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("No such file", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), marker)));
    }

    [Fact]
    public async Task Step_WritesToWorkspace_AreKeptForTheNextStep()
    {
        await _sandbox.RunAsync("echo built > /workspace/out.txt");

        Assert.Equal("built\n", await File.ReadAllTextAsync(Path.Combine(_sandbox.Workspace, "out.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Step_CannotConnectToHostLoopbackListener_WhenNetworkIsNone()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (result, _) = await _sandbox.RunAsync($"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected >&3");

        Assert.NotEqual(0, result.ExitCode);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Step_ReachesHostLoopbackListener_OnlyWhenNetworkIsAll()
    {
        // The counterpart of the test above: proves the probe itself can succeed.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (result, _) = await _sandbox.RunAsync($"exec 3<>/dev/tcp/127.0.0.1/{port} && echo connected >&3", NetworkMode.All);

        Assert.Equal(0, result.ExitCode);
        Assert.True(listener.Pending());
    }

    [Fact]
    public async Task Step_SeesOnlyLoopbackInterface()
    {
        var (_, output) = await _sandbox.RunAsync("ls /sys/class/net 2>/dev/null || cat /proc/net/dev");

        Assert.DoesNotContain("eth0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_DoesNotInheritTheEnginesEnvironment()
    {
        Environment.SetEnvironmentVariable("RAMPART_TEST_HOST_ONLY", "engine-private-value");
        try
        {
            var (_, output) = await _sandbox.RunAsync("env");

            Assert.DoesNotContain("engine-private-value", output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RAMPART_TEST_HOST_ONLY", null);
        }
    }

    [Fact]
    public async Task Step_RunsWithoutRootAndWithoutCapabilities()
    {
        var (_, output) = await _sandbox.RunAsync("id -u; grep CapEff /proc/self/status; cat /etc/shadow 2>&1 | head -1; cat /etc/ssh/ssh_host_*_key 2>&1 | head -1");

        Assert.StartsWith("1000\n", output, StringComparison.Ordinal);
        Assert.Contains("CapEff:\t0000000000000000", output, StringComparison.Ordinal);
        Assert.Contains("Permission denied", output, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_CannotSeeHostProcesses()
    {
        var (_, output) = await _sandbox.RunAsync("ls /proc | grep -c '^[0-9]'");

        Assert.True(int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture) < 5, output);
    }

    public void Dispose() => _sandbox.Dispose();
}
