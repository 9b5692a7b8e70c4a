using System.Text;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Signing.Runs;
using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Evidence;

namespace Rampart.Security.Tests.Provenance;

/// <summary>
/// A run signed into PostgreSQL (artifacts and attestations) verifies as it does from the state
/// folder; then its rows are edited with real SQL, and each edit is refused with a clear reason.
/// </summary>
public sealed class SignedRunOnPostgresTests(PostgresLedgerDatabase database) : IClassFixture<PostgresLedgerDatabase>, IAsyncDisposable
{
    private readonly EcdsaSigner _signer = EcdsaSigner.Generate();
    private readonly List<IAsyncDisposable> _opened = [];
    private string _connection = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RunRecord Run => new()
    {
        Id = 7, Pipeline = "ci", Repository = "/src/app", Ref = "refs/heads/main", Commit = new string('c', 40), Event = "push",
        Status = Outcome.Running, StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    private static BuildSource Source => new("git+file:///src/app", "refs/heads/main", new string('c', 40), ".rampart/pipeline.yml", Digest.Sha256("pipeline"u8), "push");

    [Fact]
    public async Task Verify_Allows_ARunSignedIntoPostgres_FromAnotherReplica()
    {
        var (_, artifacts) = await SignAsync();

        var verdict = await VerifyAsync(artifacts);

        Assert.True(verdict.Allowed, verdict.Reason);
    }

    [Fact]
    public async Task Sign_RefusesToSignARunTwice()
    {
        var (stores, artifacts) = await SignAsync();

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => SignWith(stores, artifacts));

        Assert.Contains("run 7 was signed before", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_AnAttestationRowWhoseBundleWasEdited()
    {
        var (_, artifacts) = await SignAsync();
                // Trailing white space: the JSON and its signature are unchanged, only the digest check sees it.
        await TamperAsync("UPDATE run_attestations SET bundle = bundle || '\\x20'::bytea WHERE kind = 'provenance';");

        var verdict = await VerifyAsync(artifacts);

        Assert.False(verdict.Allowed);
        Assert.Contains("provenance: bundle attestations/7/provenance.sigstore.json was altered in PostgreSQL", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_ASignatureRowSwappedWithAnotherArtifactsBundleAndDigest()
    {
        var (_, artifacts) = await SignAsync();
        await TamperAsync("""
            UPDATE run_attestations a SET bundle = b.bundle, bundle_digest = b.bundle_digest
            FROM run_attestations b WHERE a.subject = 'app.bin' AND b.subject = 'lib.bin' AND a.kind = 'signature' AND b.kind = 'signature';
            """);

        var verdict = await VerifyAsync(artifacts);

        Assert.False(verdict.Allowed);
        Assert.Contains("artifact 'app.bin'", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("does not match the artifact", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_WhenTheProvenanceRowWasDeleted()
    {
        var (_, artifacts) = await SignAsync();
        await TamperAsync("DELETE FROM run_attestations WHERE kind = 'provenance';");

        var verdict = await VerifyAsync(artifacts);

        Assert.False(verdict.Allowed);
        Assert.Equal("run 7 has no provenance", verdict.Reason);
    }

    [Fact]
    public async Task Verify_Refuses_AnIndexRowWithAnUnknownKind()
    {
        var (_, artifacts) = await SignAsync();
        await TamperAsync("UPDATE run_attestations SET kind = '1' WHERE kind = 'sbom' OR position = 0;");

        var verdict = await VerifyAsync(artifacts);

        Assert.False(verdict.Allowed);
        Assert.Contains("damaged attestation index in PostgreSQL", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_Refuses_AnArtifactWhoseChunkWasEdited_NamingTheDamage()
    {
        var (_, artifacts) = await SignAsync();
        await TamperAsync("UPDATE artifact_chunks SET data = set_byte(data, 0, 33) WHERE upload = (SELECT upload FROM artifact_blobs WHERE digest = '" + artifacts[0].Digest + "');");

        var verdict = await VerifyAsync(artifacts);

        Assert.False(verdict.Allowed);
        Assert.Equal($"artifact 'app.bin': artifact {artifacts[0].Digest} in PostgreSQL is damaged and is not served: its chunks no longer hash to its digest", verdict.Reason);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in _opened)
            await item.DisposeAsync();
        _signer.Dispose();
    }

    private async Task<(PostgresEvidenceStores Stores, List<ArtifactRecord> Artifacts)> SignAsync()
    {
        _connection = await database.NewSchemaAsync();
        await (await PostgresServiceDatabase.OpenAsync(_connection, Ct)).DisposeAsync();
        var stores = Open();
        var artifacts = new List<ArtifactRecord>();
        foreach (var (name, content) in new[] { ("app.bin", "v1"), ("lib.bin", "v1-lib") })
        {
            var (digest, size) = await stores.Artifacts.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), Ct);
            artifacts.Add(new ArtifactRecord(7, "build", name, digest, size));
        }

        var records = await SignWith(stores, artifacts);
        Assert.Equal(3, records.Count);
        return (stores, artifacts);
    }

    private Task<IReadOnlyList<AttestationRecord>> SignWith(PostgresEvidenceStores stores, List<ArtifactRecord> artifacts) =>
        new RunSigner(new SignedRun.FixedKeyProvider(_signer), stores.Attestations, SignedRun.Builder)
            .SignRunAsync(new RunSigningRequest(Run, Source, artifacts, stores.Artifacts, [], Run.StartedAt.AddMinutes(2)), Ct);

    /// <summary>Verifies with stores opened afresh, as another replica would.</summary>
    private async Task<Core.Deploy.DeployVerification> VerifyAsync(List<ArtifactRecord> artifacts)
    {
        var stores = Open();
        using var key = VerificationKey.FromSpki(_signer.PublicKeySpki.Span);
        return await new RunVerifier(key, stores.Attestations, SignedRun.Builder).VerifyRunAsync(Run, Source, artifacts, stores.Artifacts, Ct);
    }

    private PostgresEvidenceStores Open()
    {
        var stores = PostgresEvidenceStores.Open(_connection);
        _opened.Add(stores);
        return stores;
    }

    private Task TamperAsync(string sql) => PostgresLedgerDatabase.ExecuteAsync(_connection,
        "ALTER TABLE run_attestations DISABLE TRIGGER USER; ALTER TABLE artifact_chunks DISABLE TRIGGER USER; " + sql);
}
