using System.Text.Json;

namespace Rampart.Cli.Tests;

/// <summary>keys, sign, verify and attest verify as a user runs them: exit codes, one-line reasons, no secrets in output.</summary>
public sealed class SigningCommandTests : IDisposable
{
    private const string Passphrase = "correct horse battery";
    private static readonly Dictionary<string, string?> WithPassphrase = new() { ["RAMPART_KEY_PASSPHRASE"] = Passphrase };
    private readonly string _dir = Directory.CreateTempSubdirectory("rampart-sign-cli-").FullName;
    private readonly TestRepository _repo = new();

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task KeysSignVerify_RoundTrip_AndATamperedFileFailsWithExit1()
    {
        var generate = await CliProcess.RunAsync(_dir, WithPassphrase, "keys", "generate", "--out", "keys");
        await File.WriteAllTextAsync(Path.Combine(_dir, "app.bin"), "release", TestContext.Current.CancellationToken);
        var sign = await CliProcess.RunAsync(_dir, WithPassphrase, "sign", "app.bin", "--key", "keys/signing.key");
        var verify = await CliProcess.RunAsync(_dir, "verify", "app.bin", "--key", "keys/signing.pub");
        await File.AppendAllTextAsync(Path.Combine(_dir, "app.bin"), "!", TestContext.Current.CancellationToken);
        var tampered = await CliProcess.RunAsync(_dir, "verify", "app.bin", "--key", "keys/signing.pub");

        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", generate.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, generate.Stdout + generate.Stderr, StringComparison.Ordinal);
        Assert.True(sign.ExitCode == 0, sign.ToString());
        Assert.True(File.Exists(Path.Combine(_dir, "app.bin.sigstore.json")));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("message digest does not match the artifact", tampered.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_WithoutAPassphraseAndNoTerminal_IsAUsageError()
    {
        await CliProcess.RunAsync(_dir, WithPassphrase, "keys", "generate", "--out", "keys");
        await File.WriteAllTextAsync(Path.Combine(_dir, "app.bin"), "release", TestContext.Current.CancellationToken);

        var sign = await CliProcess.RunAsync(_dir, new Dictionary<string, string?> { ["RAMPART_KEY_PASSPHRASE"] = null }, "sign", "app.bin", "--key", "keys/signing.key");
        var wrong = await CliProcess.RunAsync(_dir, new Dictionary<string, string?> { ["RAMPART_KEY_PASSPHRASE"] = "nope" }, "sign", "app.bin", "--key", "keys/signing.key");

        Assert.Equal(2, sign.ExitCode);
        Assert.Contains("RAMPART_KEY_PASSPHRASE", sign.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("wrong passphrase", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithAnotherKey_FailsWithExit1_AndJsonSaysWhy()
    {
        await CliProcess.RunAsync(_dir, WithPassphrase, "keys", "generate", "--out", "keys");
        await CliProcess.RunAsync(_dir, WithPassphrase, "keys", "generate", "--out", "other");
        await File.WriteAllTextAsync(Path.Combine(_dir, "app.bin"), "release", TestContext.Current.CancellationToken);
        await CliProcess.RunAsync(_dir, WithPassphrase, "sign", "app.bin", "--key", "keys/signing.key");

        var verify = await CliProcess.RunAsync(_dir, "verify", "app.bin", "--key", "other/signing.pub", "--format", "json");

        Assert.Equal(1, verify.ExitCode);
        using var json = JsonDocument.Parse(verify.Stdout);
        Assert.False(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Contains("does not verify with the given key", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SignsItsArtifacts_AndVerifyRunAndAttestVerifyCheckThem()
    {
        _repo.WithPipeline("""
            name: release
            jobs:
              build:
                steps: [ { run: "mkdir -p out && printf 'bits' > out/app.bin" } ]
                artifacts: [ out/app.bin ]
            """).Commit();
        var run = await CliProcess.RunAsync(_repo.Root, "run");
        var verifyRun = await CliProcess.RunAsync(_repo.Root, "verify", "--run", "1");
        var wrongRef = await CliProcess.RunAsync(_repo.Root, "verify", "--run", "1", "--source-ref", "refs/heads/release");
        var artifact = Path.Combine(_dir, "app.bin");
        await File.WriteAllTextAsync(artifact, "bits", TestContext.Current.CancellationToken);
        string[] attest = ["attest", "verify", artifact, "--provenance", ".rampart/attestations/1/provenance.sigstore.json", "--key", ".rampart/keys/signing.pub",
            "--builder-id", "https://rampart.example/builders/local/v1", "--source-uri", "git+" + new Uri(_repo.Root).AbsoluteUri, "--source-ref", "refs/heads/main"];
        var attestOk = await CliProcess.RunAsync(_repo.Root, attest);
        var attestOtherBuilder = await CliProcess.RunAsync(_repo.Root, [.. attest[..8], "https://rampart.example/builders/other", .. attest[9..]]);

        Assert.True(run.ExitCode == 0, run.ToString());
        // The app, and the CycloneDX and SPDX documents of the SBOM stage.
        Assert.Contains("signed 3 artifact(s); provenance written", run.Stdout, StringComparison.Ordinal);
        Assert.True(verifyRun.ExitCode == 0, verifyRun.ToString());
        Assert.Equal(1, wrongRef.ExitCode);
        Assert.Contains("not 'refs/heads/release'", wrongRef.Stderr, StringComparison.Ordinal);
        Assert.True(attestOk.ExitCode == 0, attestOk.ToString());
        Assert.Equal(1, attestOtherBuilder.ExitCode);
        Assert.Contains("made by builder", attestOtherBuilder.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutTheSandbox_SignsNothing_AndRefusesToDeploy()
    {
        _repo.WithPipeline("""
            name: release
            jobs:
              build:
                steps: [ { run: "mkdir -p out && printf 'bits' > out/app.bin" } ]
                artifacts: [ out/app.bin ]
              deploy:
                needs: [ build ]
                environment: production
                steps: [ { run: "echo deployed-anyway" } ]
            """).Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--unsafe-no-sandbox");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("artifacts are not signed and deploy jobs are refused", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("deployed-anyway", run.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_repo.Root, ".rampart", "keys")));
    }

    [Fact]
    public async Task Verify_KeylessBundle_ChecksTheCertificateIdentityAgainstATrustedRoot()
    {
        var cases = Path.GetDirectoryName(Rampart.Core.Tests.Interop.RepoPaths.TestDataFile("sigstore-conformance", "assets", "bundle-verify", "a.txt"))!;
        var root = Rampart.Core.Tests.Interop.RepoPaths.TestDataFile("sigstore-trust-root", "trusted_root.json");
        const string Identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
        string[] args = ["verify", Path.Combine(cases, "a.txt"), "--bundle", Path.Combine(cases, "happy-path-v0.3", "bundle.sigstore.json"), "--trusted-root", root,
            "--certificate-oidc-issuer", "https://token.actions.githubusercontent.com", "--certificate-identity"];

        var good = await CliProcess.RunAsync(_dir, [.. args, Identity]);
        var otherIdentity = await CliProcess.RunAsync(_dir, [.. args, "https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main"]);
        var noRoot = await CliProcess.RunAsync(_dir, "verify", Path.Combine(cases, "a.txt"), "--bundle", Path.Combine(cases, "happy-path-v0.3", "bundle.sigstore.json"));

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Equal(1, otherIdentity.ExitCode);
        Assert.Contains("certificate is not for identity", otherIdentity.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, noRoot.ExitCode);
        Assert.Contains("--trusted-root is required", noRoot.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyRun_ForAnUnknownRun_IsAUsageError()
    {
        _repo.WithPipeline("name: x\njobs:\n  a:\n    steps: [ { run: 'true' } ]\n").Commit();
        await CliProcess.RunAsync(_repo.Root, "run");

        var verify = await CliProcess.RunAsync(_repo.Root, "verify", "--run", "42");

        Assert.Equal(2, verify.ExitCode);
        Assert.Contains("no run with id 42", verify.Stderr, StringComparison.Ordinal);
    }
}
