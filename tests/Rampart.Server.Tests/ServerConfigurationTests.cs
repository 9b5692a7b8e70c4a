using Rampart.Server.Hosting;

namespace Rampart.Server.Tests;

public sealed class ServerConfigurationTests
{
    private static readonly Dictionary<string, string> None = [];

    [Fact]
    public void Load_LaterSourcesOverrideEarlier_FileThenEnvironmentThenFlags()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "listen: http://127.0.0.1:9000\njob_lease_seconds: 40\nmax_attempts: 3\n");
        var environment = new Dictionary<string, string> { ["RAMPART_SERVER_JOB_LEASE_SECONDS"] = "50", ["PATH"] = "/bin" };
        var flags = new Dictionary<string, string> { ["max_attempts"] = "4" };

        var options = ServerConfiguration.Load("/tmp/state", file, environment, flags);

        Assert.Equal("http://127.0.0.1:9000", options.Listen);
        Assert.Equal(50, options.JobLeaseSeconds);
        Assert.Equal(4, options.MaxAttempts);
    }

    [Fact]
    public void Load_UnknownFileSetting_NamesFileLineAndAllowedKeys()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "listen: http://127.0.0.1:9000\nlisen: x\n");

        var error = Assert.Throws<ServerConfigurationException>(() => ServerConfiguration.Load("/tmp/state", file, None, None));

        Assert.Contains($"{file}: line 2: unknown setting 'lisen'", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: listen, database", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RAMPART_SERVER_JOB_LEASE_SECONDS", "abc", "a whole number from 5 to 3600")]
    [InlineData("RAMPART_SERVER_JOB_LEASE_SECONDS", "1", "a whole number from 5 to 3600")]
    [InlineData("RAMPART_SERVER_DATABASE", "mysql:x", "sqlite, sqlite:PATH or postgres:CONNECTION-STRING")]
    [InlineData("RAMPART_SERVER_LISTEN", "127.0.0.1:80", "an http:// or https:// URL")]
    public void Load_InvalidEnvironmentValue_NamesVariableAndAllowedValues(string name, string value, string allowed)
    {
        var error = Assert.Throws<ServerConfigurationException>(() =>
            ServerConfiguration.Load("/tmp/state", null, new Dictionary<string, string> { [name] = value }, None));

        Assert.StartsWith($"{name}: '", error.Message, StringComparison.Ordinal);
        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PostgresConnectionStringWithPassword_IsNotEchoedInTheError()
    {
        var error = Assert.Throws<ServerConfigurationException>(() =>
            ServerConfiguration.Load("/tmp/state", null, new Dictionary<string, string> { ["RAMPART_SERVER_DATABASE"] = "postgres:" }, None));

        Assert.DoesNotContain("Password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CacheDir_DefaultsToTheStateFolder_AndTakesAnAbsolutePath()
    {
        var plain = ServerConfiguration.Load("/tmp/state", null, None, None);
        var set = ServerConfiguration.Load("/tmp/state", null, None, new Dictionary<string, string> { ["cache_dir"] = "/var/cache/rampart/../rampart-a" });

        Assert.Equal("/tmp/state/cache", plain.EffectiveCacheDirectory);
        Assert.Equal("/var/cache/rampart-a", set.EffectiveCacheDirectory);
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("")]
    public void Load_CacheDirThatIsNotAnAbsolutePath_IsRefused(string value)
    {
        var error = Assert.Throws<ServerConfigurationException>(() =>
            ServerConfiguration.Load("/tmp/state", null, None, new Dictionary<string, string> { ["cache_dir"] = value }));

        Assert.StartsWith("--cache-dir: '", error.Message, StringComparison.Ordinal);
        Assert.Contains("an absolute path", error.Message, StringComparison.Ordinal);
    }
}
