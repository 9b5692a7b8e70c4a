using Rampart.Security.Tests.Oci;

namespace Rampart.Cli.Tests;

/// <summary>push --run and pull against a real registry: what a run signed travels with the artifact and is checked on the way back.</summary>
public sealed class PushPullCommandTests : IClassFixture<RegistryFixture>, IDisposable
{
    private const string Builder = "https://rampart.example/builders/local/v1";
    private readonly RegistryFixture _registry;
    private readonly TestRepository _repo = new();
    private readonly string _out = Directory.CreateTempSubdirectory("rampart-pull-").FullName;

    public PushPullCommandTests(RegistryFixture registry)
    {
        _registry = registry;
        _repo.WithPipeline("""
            name: release
            jobs:
              build:
                steps: [ { run: "mkdir -p out && printf 'shipped bits' > out/app.bin && echo '{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}' > out/bom.json" } ]
                artifacts: [ out/app.bin, out/bom.json ]
            """).Commit();
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public async Task PushRun_ThenPull_VerifiesSignatureAndProvenance_AndRefusesAnotherKey()
    {
        var reference = $"{_registry.Address}/cli/app:1.0";
        Assert.Equal(0, (await CliProcess.RunAsync(_repo.Root, "run")).ExitCode);

        var push = await CliProcess.RunAsync(_repo.Root, "push", "--run", "1", "out/app.bin", reference);
        var pull = await CliProcess.RunAsync(_repo.Root, "pull", reference, "--out", Path.Combine(_out, "app.bin"), "--key", ".rampart/keys/signing.pub",
            "--builder-id", Builder, "--source-uri", "git+" + new Uri(_repo.Root).AbsoluteUri, "--source-ref", "refs/heads/main");
        await CliProcess.RunAsync(_out, new Dictionary<string, string?> { ["RAMPART_KEY_PASSPHRASE"] = "pw" }, "keys", "generate", "--out", "other");
        var wrongKey = await CliProcess.RunAsync(_repo.Root, "pull", reference, "--out", Path.Combine(_out, "wrong.bin"), "--key", Path.Combine(_out, "other", "signing.pub"));
        var wrongSource = await CliProcess.RunAsync(_repo.Root, "pull", reference, "--out", Path.Combine(_out, "fork.bin"), "--key", ".rampart/keys/signing.pub",
            "--builder-id", Builder, "--source-uri", "git+file:///elsewhere/fork");

        Assert.True(push.ExitCode == 0, push.ToString());
        var referrers = push.Stdout.Split('\n').Where(l => l.Contains("referrer", StringComparison.Ordinal)).ToList();
        // Signature, provenance, SBOM attestation and the SBOM documents the run kept.
        Assert.True(referrers.Count >= 4, push.ToString());
        Assert.Equal(referrers.Count, referrers.Distinct(StringComparer.Ordinal).Count());
        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Equal("shipped bits", await File.ReadAllTextAsync(Path.Combine(_out, "app.bin"), TestContext.Current.CancellationToken));
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.False(File.Exists(Path.Combine(_out, "wrong.bin")));
        Assert.Equal(1, wrongSource.ExitCode);
        Assert.Contains("from repository", wrongSource.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "fork.bin")));
        Assert.Empty(Directory.GetFiles(_out, "*.part"));
    }

    [Fact]
    public async Task PushRun_Refuses_ARunWhoseArtifactWasTamperedWith()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_repo.Root, "run")).ExitCode);
        var blobs = Directory.GetFiles(Path.Combine(_repo.Root, ".rampart", "artifacts", "sha256"));
        foreach (var blob in blobs)
        {
            File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.AppendAllTextAsync(blob, "+backdoor", TestContext.Current.CancellationToken);
        }

        var push = await CliProcess.RunAsync(_repo.Root, "push", "--run", "1", "out/app.bin", $"{_registry.Address}/cli/tampered:1.0");

        Assert.Equal(2, push.ExitCode);
        Assert.Contains("does not verify, so it is not published", push.Stderr, StringComparison.Ordinal);
    }
}
