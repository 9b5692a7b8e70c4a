using Rampart.Engine.Runs;

namespace Rampart.Engine.Tests.Runs;

public sealed class SecretFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-shm-").FullName;

    [Fact]
    public void RemoveOrphans_RemovesFoldersOfDeadEngines_AndKeepsLiveOnes()
    {
        var dead = Enumerable.Range(4_000_000, 100_000).First(pid => !Directory.Exists($"/proc/{pid}"));
        var orphan = Directory.CreateDirectory(Path.Combine(_root, $"rampart-secrets-{dead}-abc")).FullName;
        File.WriteAllText(Path.Combine(orphan, "DEPLOY_KEY"), "left-behind-secret");
        File.SetUnixFileMode(Path.Combine(orphan, "DEPLOY_KEY"), UnixFileMode.UserRead);
        File.SetUnixFileMode(orphan, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var live = Directory.CreateDirectory(Path.Combine(_root, $"rampart-secrets-{Environment.ProcessId}-def")).FullName;

        var removed = SecretFiles.RemoveOrphans(_root);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(orphan));
        Assert.True(Directory.Exists(live));
    }

    [Fact]
    public void Dispose_RemovesTheFolder()
    {
        var files = SecretFiles.Create(new Dictionary<string, string> { ["A_KEY"] = "a-secret-value" });
        var folder = files.Mount.HostPath;
        Assert.Equal("a-secret-value", File.ReadAllText(Path.Combine(folder, "A_KEY")));
        Assert.StartsWith($"/dev/shm/rampart-secrets-{Environment.ProcessId}-", folder, StringComparison.Ordinal);

        files.Dispose();

        Assert.False(Directory.Exists(folder));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
