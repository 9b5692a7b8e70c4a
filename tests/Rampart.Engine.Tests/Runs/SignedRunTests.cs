using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Signing.Runs;

namespace Rampart.Engine.Tests.Runs;

/// <summary>
/// Invariants I3 and I4 end to end: real runs in bubblewrap, signed by the real signer with a key in
/// the state folder, and deploy jobs that run only after the real verifier re-checked the run.
/// </summary>
public sealed class SignedRunTests : IDisposable
{
    private const string Builder = "https://rampart.example/builders/test";
    private const string Pipeline = """
        name: release
        jobs:
          build:
            steps: [ { run: "mkdir -p out && printf 'release-bits' > out/app.bin" } ]
            artifacts: [ "out/*.bin" ]
          deploy:
            needs: [ build ]
            environment: production
            steps: [ { run: "echo deploying" } ]
          smoke:
            needs: [ deploy ]
            steps: [ { run: "echo smoke" } ]
        """;

    private readonly RunHarness _harness = new();
    private readonly TestRepository _repo = new();
    private readonly string _keyPath;
    private readonly VerificationKey _key;

    public SignedRunTests()
    {
        var keys = Path.Combine(_harness.State, "keys");
        Directory.CreateDirectory(keys);
        KeyProtection.CreateMasterKeyFile(Path.Combine(keys, "master.key"));
        _key = VerificationKey.FromPem(KeyFile.Generate(keys, KeyProtection.MasterKeyFile(Path.Combine(keys, "master.key"))));
        _keyPath = Path.Combine(keys, KeyFile.PrivateKeyName);
        _harness.Signer = new RunSigner(new KeyFileProvider(_keyPath, () => KeyProtection.MasterKeyFile(Path.Combine(keys, "master.key"))), _harness.State, Builder);
        _harness.DeployVerifier = new RunVerifier(_key, _harness.State, Builder);
    }

    public void Dispose()
    {
        _key.Dispose();
        _repo.Dispose();
        _harness.Dispose();
    }

    [Fact]
    public async Task Deploy_RunsAfterSigning_WhenTheRunVerifies()
    {
        _repo.WithPipeline(Pipeline).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        Assert.All(details.Jobs, j => Assert.Equal(Outcome.Succeeded, j.Status));
        var events = _harness.Observer.Events.ToList();
        var signed = events.FindIndex(e => e.Contains("signed 1 artifact(s); provenance written", StringComparison.Ordinal));
        var verified = events.FindIndex(e => e.Contains("deploy 'deploy' to production: verified", StringComparison.Ordinal));
        Assert.True(signed >= 0 && verified > signed, string.Join("\n", events));
        Assert.True(events.IndexOf("job started deploy") > verified);
        Assert.True(File.Exists(Path.Combine(_harness.State, "attestations", details.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "provenance.sigstore.json")));
    }

    [Fact]
    public async Task Deploy_PassesTheHostsGateFirst_ThenIsReverified_AndTheGateHearsTheOutcome()
    {
        _repo.WithPipeline(Pipeline).Commit();
        var gate = new RecordingGate(_harness.Observer.Events, null);
        _harness.DeployGate = gate;

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        var events = _harness.Observer.Events.ToList();
        var admitted = events.IndexOf("gate admit deploy production");
        var verified = events.FindIndex(e => e.Contains("deploy 'deploy' to production: verified", StringComparison.Ordinal));
        Assert.True(admitted >= 0 && verified > admitted && events.IndexOf("job started deploy") > verified, string.Join("\n", events));
        Assert.Contains("gate finished deploy production True", events);
        Assert.DoesNotContain(events, e => e.StartsWith("gate admit smoke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_RefusedByTheHostsGate_IsNotVerifiedNorRun_AndTheGateHearsIt()
    {
        _repo.WithPipeline(Pipeline).Commit();
        _harness.DeployGate = new RecordingGate(_harness.Observer.Events, "deploy refused: branch 'main' is not allowed to deploy to production");

        var details = await _harness.RunAsync(_repo);

        AssertDeployRefused(details, "branch 'main' is not allowed");
        var events = _harness.Observer.Events.ToList();
        Assert.DoesNotContain(events, e => e.Contains("deploy 'deploy' to production: verified", StringComparison.Ordinal));
        Assert.Contains("gate finished deploy production False", events);
    }

    [Fact]
    public async Task Deploy_IsRefused_WhenTheArtifactIsTamperedAfterSigning()
    {
        _repo.WithPipeline(Pipeline).Commit();
        _harness.Signer = new ThenTamper(_harness.Signer!, _harness.State);

        var details = await _harness.RunAsync(_repo);

        AssertDeployRefused(details, "was altered in the store");
    }

    [Fact]
    public async Task Deploy_IsRefused_WhenProvenanceNamesAnotherRepository()
    {
        _repo.WithPipeline(Pipeline).Commit();
        var real = _harness.Signer!;
        _harness.Signer = new SignAs(real, s => s with { Repository = "git+file:///elsewhere/fork" });

        var details = await _harness.RunAsync(_repo);

        AssertDeployRefused(details, "from repository 'git+file:///elsewhere/fork'");
    }

    [Fact]
    public async Task Deploy_IsRefused_WhenProvenanceNamesAnotherRef()
    {
        _repo.WithPipeline(Pipeline).Commit();
        var real = _harness.Signer!;
        _harness.Signer = new SignAs(real, s => s with { Ref = "refs/heads/other" });

        var details = await _harness.RunAsync(_repo);

        AssertDeployRefused(details, "from ref 'refs/heads/other'");
    }

    [Fact]
    public async Task Deploy_IsRefused_WithoutASigningKey()
    {
        _repo.WithPipeline(Pipeline).Commit();
        _harness.Signer = null;

        var details = await _harness.RunAsync(_repo);

        AssertDeployRefused(details, "no signing key is configured");
    }

    [Fact]
    public async Task UntrustedRun_IsNotSigned_AndCannotDeploy()
    {
        _repo.WithPipeline(Pipeline).Commit();

        var details = await _harness.RunAsync(_repo, trusted: false);

        AssertDeployRefused(details, "untrusted event");
        Assert.False(Directory.Exists(Path.Combine(_harness.State, "attestations")));
    }

    [Fact]
    public async Task Deploy_IsSkipped_WhenTheBuildFails()
    {
        _repo.WithPipeline(Pipeline.Replace("printf 'release-bits' > out/app.bin", "exit 3", StringComparison.Ordinal)).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Failed, details.Run.Status);
        var deploy = details.Jobs.Single(j => j.Name == "deploy");
        Assert.Equal(Outcome.Skipped, deploy.Status);
        Assert.DoesNotContain(details.Steps, s => s.Job == "deploy" && s.Status == Outcome.Succeeded);
    }

    [Fact]
    public async Task Step_CannotReadTheSigningKey_NorForgeTheEnginesProvenance()
    {
        // A build step that goes after the key at its real path, then plants its own attestation index
        // and provenance where the engine keeps them (inside the sandbox that path is a private tmpfs).
        var state = _harness.State;
        _repo.WithPipeline(Pipeline.Replace(
            "mkdir -p out && printf 'release-bits' > out/app.bin",
            $"mkdir -p out && printf 'release-bits' > out/app.bin; cat '{_keyPath}' && exit 9; ls '{state}/keys' && exit 9; mkdir -p '{state}/attestations/1' && echo forged > '{state}/attestations/1/index.json'; echo forged > out/provenance.sigstore.json; true",
            StringComparison.Ordinal)).Commit();

        var details = await _harness.RunAsync(_repo);

        Assert.Equal(Outcome.Succeeded, details.Run.Status);
        var log = _harness.ReadLog(details.Steps.Single(s => s.Job == "build"));
        Assert.Contains("No such file", log, StringComparison.Ordinal);
        Assert.DoesNotContain("aes-256-gcm", log, StringComparison.Ordinal);
        var index = await File.ReadAllTextAsync(Path.Combine(state, "attestations", details.Run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "index.json"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("forged", index, StringComparison.Ordinal);
        Assert.Contains("provenance.sigstore.json", index, StringComparison.Ordinal);
    }

    private static void AssertDeployRefused(RunDetails details, string reason)
    {
        Assert.Equal(Outcome.Failed, details.Run.Status);
        var deploy = details.Jobs.Single(j => j.Name == "deploy");
        Assert.Equal(Outcome.Failed, deploy.Status);
        Assert.Contains("deploy refused", deploy.Error, StringComparison.Ordinal);
        Assert.Contains(reason, deploy.Error, StringComparison.Ordinal);
        Assert.All(details.Steps.Where(s => s.Job == "deploy"), s => Assert.Equal(Outcome.Skipped, s.Status));
        Assert.Equal(Outcome.Skipped, details.Jobs.Single(j => j.Name == "smoke").Status);
    }

    /// <summary>A host gate that admits (null) or refuses, writing what it was asked into the observer's event list.</summary>
    private sealed class RecordingGate(System.Collections.Concurrent.ConcurrentQueue<string> events, string? refusal) : Rampart.Core.Deploy.IDeployGate
    {
        public Task<string?> AdmitAsync(Rampart.Core.Deploy.DeployGateRequest request, CancellationToken cancellationToken)
        {
            events.Enqueue($"gate admit {request.Job} {request.Environment}");
            return Task.FromResult(refusal);
        }

        public Task FinishedAsync(Rampart.Core.Deploy.DeployGateRequest request, bool succeeded, string? error, CancellationToken cancellationToken)
        {
            events.Enqueue($"gate finished {request.Job} {request.Environment} {succeeded}");
            return Task.CompletedTask;
        }
    }

    /// <summary>Signs for real, then rewrites the stored artifact (an attacker with write access to the store).</summary>
    private sealed class ThenTamper(IRunSigner inner, string state) : IRunSigner
    {
        public async Task<IReadOnlyList<AttestationRecord>> SignRunAsync(RunSigningRequest request, CancellationToken cancellationToken)
        {
            var records = await inner.SignRunAsync(request, cancellationToken);
            var blob = Path.Combine(state, "artifacts", "sha256", request.Artifacts[0].Digest.Hex);
            File.SetUnixFileMode(blob, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(blob, "release-bits plus a backdoor", cancellationToken);
            return records;
        }
    }

    /// <summary>Signs for real, but provenance describes another source (a key used for the wrong build).</summary>
    private sealed class SignAs(IRunSigner inner, Func<BuildSource, BuildSource> change) : IRunSigner
    {
        public Task<IReadOnlyList<AttestationRecord>> SignRunAsync(RunSigningRequest request, CancellationToken cancellationToken) =>
            inner.SignRunAsync(request with { Source = change(request.Source) }, cancellationToken);
    }
}
