using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineLoaderValueTests
{
    private static string Job(string key, string value) => WithJob($"{key}: {value}\nsteps: [{{run: x}}]");

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("20m", 1200)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h2m3s", 3723)]
    [InlineData("6h", 21600)]
    public void Parse_AcceptsDurations(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Valid(Job("timeout", text)).Jobs[0].Timeout);
    }

    [Theory]
    [InlineData("20", "is not a duration")]
    [InlineData("20x", "is not a duration")]
    [InlineData("30m1h", "is not a duration")]
    [InlineData("1h1h", "is not a duration")]
    [InlineData("0s", "is not a duration")]
    [InlineData("-5m", "is not a duration")]
    [InlineData("1.5h", "is not a duration")]
    [InlineData("99999999999h", "is not a duration")]
    [InlineData("6h1s", "is longer than the maximum of 6h")]
    [InlineData("7h", "is longer than the maximum of 6h")]
    public void Parse_RefusesBadDurations(string text, string message)
    {
        Single(Job("timeout", text), 4, 14, $"jobs.build.timeout: '{text}' {message}");
    }

    [Fact]
    public void Parse_RefusesStepTimeoutLongerThanJobTimeout()
    {
        Single(WithJob("timeout: 10m\nsteps:\n  - run: x\n    timeout: 11m"), 7, 18, "jobs.build.steps[0].timeout: is longer than the job's timeout");
    }

    [Fact]
    public void Parse_ComparesStepTimeoutWithDefaultJobTimeout()
    {
        Single(WithJob("steps:\n  - run: x\n    timeout: 31m"), 6, 18, "is longer than the job's timeout (0:30:00)");
    }

    [Theory]
    [InlineData("memory: 512m", 512L << 20)]
    [InlineData("memory: 2G", 2L << 30)]
    [InlineData("memory: 1048576", 1L << 20)]
    public void Parse_AcceptsSizes(string limit, long bytes)
    {
        Assert.Equal(bytes, Valid(Job("limits", $"{{ {limit} }}")).Jobs[0].Limits.MemoryBytes);
    }

    [Theory]
    [InlineData("memory: 2gb", "'2gb' is not a size")]
    [InlineData("memory: 1.5g", "'1.5g' is not a size")]
    [InlineData("memory: g", "'g' is not a size")]
    [InlineData("memory: 999999999999999g", "'999999999999999g' is not a size")]
    [InlineData("memory: 512k", "'512k' is out of range (1m to 256g)")]
    [InlineData("memory: 300g", "'300g' is out of range (1m to 256g)")]
    [InlineData("output: 2g", "'2g' is out of range (1k to 1g)")]
    [InlineData("processes: 0", "'0' is not a whole number from 1 to 100000")]
    [InlineData("processes: 100001", "'100001' is not a whole number from 1 to 100000")]
    [InlineData("processes: -1", "'-1' is not a whole number from 1 to 100000")]
    [InlineData("cpu: 2", "unknown key 'cpu'; allowed keys: memory, processes, output")]
    public void Parse_RefusesBadLimits(string limit, string message)
    {
        var diagnostic = Assert.Single(Load(Job("limits", $"{{ {limit} }}")).Diagnostics);

        Assert.Equal(4, diagnostic.Line);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/passwd", "must be relative to the workspace")]
    [InlineData("~/.ssh/id_rsa", "must be relative to the workspace")]
    [InlineData("C:/Windows", "must be relative to the workspace")]
    [InlineData("../outside", "must not contain '..' segments")]
    [InlineData("bin/../../x", "must not contain '..' segments")]
    [InlineData("bin\\\\app.dll", "contains a backslash")]
    [InlineData("", "is empty")]
    public void Parse_RefusesArtifactGlobsThatEscapeTheWorkspace(string glob, string message)
    {
        Single(Job("artifacts", $"[\"{glob}\"]"), 4, 17, message);
    }

    [Fact]
    public void Parse_AcceptsArtifactGlobsWithDotsInNames()
    {
        Assert.Equal(["out/..hidden/a", "./bin/*.dll"], Valid(Job("artifacts", "[out/..hidden/a, ./bin/*.dll]")).Jobs[0].Artifacts);
    }

    [Theory]
    [InlineData("feed.example:443", "feed.example", 443)]
    [InlineData("Feed.Example:1", "feed.example", 1)]
    [InlineData("10.1.2.3:65535", "10.1.2.3", 65535)]
    [InlineData("\"[2001:db8::1]:443\"", "2001:db8::1", 443)]
    public void Parse_AcceptsNetworkHosts(string entry, string host, int port)
    {
        var allow = Assert.Single(Valid(Job("network", $"[{entry}]")).Jobs[0].Network.Allow);

        Assert.Equal((host, port), (allow.Host, allow.Port));
    }

    [Theory]
    [InlineData("feed.example")]
    [InlineData("feed.example:0")]
    [InlineData("feed.example:65536")]
    [InlineData("feed.example:http")]
    [InlineData("*.example:443")]
    [InlineData("-bad.example:443")]
    [InlineData("a..example:443")]
    [InlineData("http://feed.example:443")]
    [InlineData("999.1.1.1:443")]
    [InlineData("2001:db8::1:443")]
    [InlineData(":443")]
    public void Parse_RefusesBadNetworkHosts(string entry)
    {
        Single(Job("network", $"[\"{entry}\"]"), 4, 15, $"'{entry}' is not host:port");
    }

    [Theory]
    [InlineData("internet")]
    [InlineData("true")]
    public void Parse_RefusesUnknownNetworkMode(string mode)
    {
        Single(Job("network", mode), 4, 14, $"jobs.build.network: '{mode}' is not allowed; use none, all, or a list of host:port");
    }

    [Theory]
    [InlineData("Prod")]
    [InlineData("-prod")]
    [InlineData("prod env")]
    public void Parse_RefusesBadEnvironmentNames(string name)
    {
        Single(Job("environment", $"\"{name}\""), 4, 18, "is not a valid environment name");
    }

    [Theory]
    [InlineData("Build")]
    [InlineData("_build")]
    [InlineData("build.x")]
    public void Parse_RefusesBadJobNames(string name)
    {
        Single($"name: p\njobs:\n  {name}:\n    steps: [{{run: x}}]\n", 3, 3, $"jobs: '{name}' is not a valid job name");
    }

    [Fact]
    public void Parse_RefusesJobNameLongerThan64()
    {
        Single($"name: p\njobs:\n  {new string('a', 65)}:\n    steps: [{{run: x}}]\n", 3, 3, "is not a valid job name");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("a/b")]
    [InlineData("[a]")]
    public void Parse_RefusesBadPipelineNames(string name)
    {
        Assert.Equal(1, Assert.Single(Load($"name: {name}\njobs:\n  a:\n    steps: [{{run: x}}]\n").Diagnostics).Line);
    }
}
