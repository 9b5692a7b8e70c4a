using System.Text;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Signing.Runs;
using Rampart.Security.Tests.Signing;

namespace Rampart.Security.Tests.Provenance;

/// <summary>A run with artifacts in a store, signed by <see cref="RunSigner"/> into a temp state folder.</summary>
public sealed class SignedRun : IDisposable
{
    public const string Builder = "https://rampart.example/builders/test";

    private readonly TempDir _state = new();

    private SignedRun()
    {
        Signer = EcdsaSigner.Generate();
        Key = VerificationKey.FromSpki(Signer.PublicKeySpki.Span);
    }

    public string State => _state.Path;

    public EcdsaSigner Signer { get; }

    public VerificationKey Key { get; }

    public MemoryArtifactStore Store { get; } = new();

    public RunRecord Run { get; } = new()
    {
        Id = 7, Pipeline = "ci", Repository = "/src/app", Ref = "refs/heads/main", Commit = new string('c', 40), Event = "push",
        Status = Outcome.Running, StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    public BuildSource Source { get; } = new("git+file:///src/app", "refs/heads/main", new string('c', 40), ".rampart/pipeline.yml", Digest.Sha256("pipeline"u8), "push");

    public List<ArtifactRecord> Artifacts { get; } = [];

    public IReadOnlyList<AttestationRecord> Attestations { get; private set; } = [];

    public static async Task<SignedRun> CreateAsync(params (string Name, string Content)[] artifacts)
    {
        var run = new SignedRun();
        foreach (var (name, content) in artifacts)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            var (digest, size) = await run.Store.PutAsync(stream, CancellationToken.None);
            run.Artifacts.Add(new ArtifactRecord(run.Run.Id, "build", name, digest, size));
        }

        var request = new RunSigningRequest(run.Run, run.Source, run.Artifacts, run.Store,
            [new Byproduct("logs/build/01-compile.log", Digest.Sha256("log"u8), "text/plain")], run.Run.StartedAt.AddMinutes(2));
        run.Attestations = await new RunSigner(new FixedKeyProvider(run.Signer), run.State, Builder).SignRunAsync(request, CancellationToken.None);
        return run;
    }

    public RunVerifier Verifier(string builder = Builder) => new(Key, State, builder);

    public string BundlePath(AttestationKind kind, string subject = "*") =>
        Path.Combine(State, Attestations.First(a => a.Kind == kind && (subject == "*" || a.Subject == subject)).BundlePath);

    public void Dispose()
    {
        Key.Dispose();
        Signer.Dispose();
        _state.Dispose();
    }

    /// <summary>Hands out the test's signer without disposing it (the run owns it).</summary>
    internal sealed class FixedKeyProvider(EcdsaSigner signer) : ISigningKeyProvider
    {
        public ValueTask<ISigner> OpenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ISigner>(new Borrowed(signer));

        private sealed class Borrowed(EcdsaSigner inner) : ISigner
        {
            public ReadOnlyMemory<byte> PublicKeySpki => inner.PublicKeySpki;

            public ValueTask<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken) => inner.SignDigestAsync(sha256, cancellationToken);
        }
    }
}
