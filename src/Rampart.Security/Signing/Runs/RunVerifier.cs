using System.Security.Cryptography;
using Rampart.Core.Deploy;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Runs;

/// <summary>
/// Re-verifies a signed run from what is stored: each artifact's bytes are hashed again, its
/// signature bundle must verify with the engine's public key, and the provenance bundle must
/// verify and name every artifact's digest, this builder, and the run's repository, ref and commit.
/// Used before every deploy job and by <c>rampart verify --run</c>.
/// </summary>
public sealed class RunVerifier : IDeployVerifier
{
    private readonly VerificationKey _key;
    private readonly IAttestationStore _attestations;
    private readonly string _builderId;

    public RunVerifier(VerificationKey key, string stateDirectory, string builderId)
        : this(key, new FileAttestationStore(stateDirectory), builderId)
    {
    }

    public RunVerifier(VerificationKey key, IAttestationStore attestations, string builderId)
    {
        _key = key;
        _attestations = attestations;
        _builderId = builderId;
    }

    public Task<DeployVerification> VerifyAsync(DeployVerificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return VerifyRunAsync(request.Run, request.ExpectedSource, request.Artifacts, request.Store, cancellationToken);
    }

    public Task<DeployVerification> VerifyRunAsync(RunRecord run, BuildSource expected, IReadOnlyList<ArtifactRecord> artifacts,
        Core.Artifacts.IArtifactStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return VerifyRunAsync(run, new RunExpectations(expected.Repository, expected.Ref, expected.Commit), artifacts, store, cancellationToken);
    }

    /// <summary>Verifies a run against expectations; a null ref in them is not checked.</summary>
    public async Task<DeployVerification> VerifyRunAsync(RunRecord run, RunExpectations expected, IReadOnlyList<ArtifactRecord> artifacts,
        Core.Artifacts.IArtifactStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<AttestationRecord>? index;
        try
        {
            index = _attestations.Read(run.Id);
        }
        catch (FormatException e)
        {
            return DeployVerification.Refuse(e.Message);
        }

        if (index is null)
            return DeployVerification.Refuse($"run {run.Id} has no signatures or provenance");
        if (artifacts.Count == 0)
            return DeployVerification.Refuse($"run {run.Id} kept no artifacts, so there is nothing verified to deploy");
        var provenanceRecord = index.FirstOrDefault(r => r.Kind == AttestationKind.Provenance);
        if (provenanceRecord is null)
            return DeployVerification.Refuse($"run {run.Id} has no provenance");
        var (provenance, provenanceError) = Load(provenanceRecord);
        if (provenanceError is not null)
            return DeployVerification.Refuse($"provenance: {provenanceError}");
        var statementResult = BundleVerifier.Verify(provenance!, null, new VerificationPolicy { Key = _key });
        if (!statementResult.Verified || statementResult.Statement is null)
            return DeployVerification.Refuse($"provenance: {statementResult.Reason}");

        foreach (var artifact in artifacts)
        {
            var (digest, damage) = await HashAsync(store, artifact.Digest, cancellationToken).ConfigureAwait(false);
            if (damage is not null)
                return DeployVerification.Refuse($"artifact '{artifact.Name}': {damage}");
            if (digest is null)
                return DeployVerification.Refuse($"artifact '{artifact.Name}' is missing from the store");
            if (!CryptographicOperations.FixedTimeEquals(digest, Convert.FromHexString(artifact.Digest.Hex)))
                return DeployVerification.Refuse($"artifact '{artifact.Name}' was altered in the store (its bytes no longer hash to {artifact.Digest})");
            if (SignatureError(index, artifact, digest) is { } signatureError)
                return DeployVerification.Refuse(signatureError);
            var expectations = new ProvenanceExpectations(artifact.Digest.Hex, _builderId, expected.Repository)
            {
                SourceRef = expected.Ref,
                SourceCommit = expected.Commit,
            };
            if (ProvenanceVerifier.Check(statementResult.Statement, expectations) is { } mismatch)
                return DeployVerification.Refuse($"artifact '{artifact.Name}': {mismatch}");
        }

        return new DeployVerification(true, $"{artifacts.Count} artifact(s): signatures and provenance verified");
    }

    private string? SignatureError(IReadOnlyList<AttestationRecord> index, ArtifactRecord artifact, byte[] digest)
    {
        var candidates = index.Where(r => r.Kind == AttestationKind.Signature && r.Subject == artifact.Name).ToList();
        if (candidates.Count == 0)
            return $"artifact '{artifact.Name}' has no signature";
        string? last = null;
        foreach (var candidate in candidates)
        {
            var (bundle, error) = Load(candidate);
            if (error is not null)
            {
                last = error;
                continue;
            }

            var result = BundleVerifier.Verify(bundle!, digest, new VerificationPolicy { Key = _key });
            if (result.Verified)
                return null;
            last = result.Reason;
        }

        return $"artifact '{artifact.Name}': {last}";
    }

    private (SigstoreBundle? Bundle, string? Error) Load(AttestationRecord record)
    {
        byte[] bytes;
        try
        {
            bytes = _attestations.ReadBundle(record);
        }
        catch (FileNotFoundException)
        {
            return (null, $"bundle {record.BundlePath} is missing");
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }

        try
        {
            return (BundleJson.Parse(bytes), null);
        }
        catch (FormatException e)
        {
            return (null, $"bundle {record.BundlePath}: {e.Message}");
        }
    }

    private static async Task<(byte[]? Digest, string? Damage)> HashAsync(Core.Artifacts.IArtifactStore store, Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = store.OpenRead(digest);
            return (await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false), null);
        }
        catch (FileNotFoundException)
        {
            return (null, null);
        }
        catch (InvalidDataException e)
        {
            // A store that checks content on the way out (PostgreSQL) refuses a damaged blob.
            return (null, e.Message);
        }
    }
}
