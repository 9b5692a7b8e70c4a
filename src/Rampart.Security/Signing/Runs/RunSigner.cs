using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Core.Signing;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Runs;

/// <summary>
/// The engine's signer: one message-signature bundle per artifact, one SLSA provenance bundle
/// over all of them, and one SBOM attestation per SBOM artifact, kept in an <see cref="IAttestationStore"/>
/// (the state folder's <c>attestations/&lt;run&gt;/</c>, or the service's database).
/// </summary>
public sealed class RunSigner : IRunSigner
{
    private readonly ISigningKeyProvider _keys;
    private readonly IAttestationStore _attestations;
    private readonly string _builderId;
    private readonly string? _builderVersion;

    public RunSigner(ISigningKeyProvider keys, string stateDirectory, string builderId, string? builderVersion = null)
        : this(keys, new FileAttestationStore(stateDirectory), builderId, builderVersion)
    {
    }

    public RunSigner(ISigningKeyProvider keys, IAttestationStore attestations, string builderId, string? builderVersion = null)
    {
        _keys = keys;
        _attestations = attestations;
        _builderId = builderId;
        _builderVersion = builderVersion;
    }

    public async Task<IReadOnlyList<AttestationRecord>> SignRunAsync(RunSigningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_attestations.Read(request.Run.Id) is not null)
            throw new InvalidOperationException($"run {request.Run.Id} was signed before (a state folder or database reused with a new run store?); refusing to sign it again");

        var signer = await _keys.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = new List<AttestationBundle>();
            var index = 0;
            foreach (var artifact in request.Artifacts)
            {
                Digest actual;
                SigstoreBundle bundle;
                await using (var content = request.Store.OpenRead(artifact.Digest))
                {
                    bundle = await BundleSigner.SignArtifactAsync(signer, content, cancellationToken).ConfigureAwait(false);
                    actual = new Digest(Digest.Sha256Algorithm, Convert.ToHexStringLower(bundle.MessageSignature!.Sha256.Span));
                }

                if (actual != artifact.Digest)
                    throw new InvalidOperationException($"artifact '{artifact.Name}' in the store no longer has digest {artifact.Digest}; refusing to sign it");
                records.Add(Bundle($"artifact-{++index:000}.sigstore.json", AttestationKind.Signature, artifact.Name, bundle));
            }

            if (request.Artifacts.Count > 0)
            {
                var provenance = ProvenanceBuilder.Build(request, _builderId, _builderVersion);
                var bundle = await BundleSigner.SignStatementAsync(signer, provenance, cancellationToken).ConfigureAwait(false);
                records.Add(Bundle("provenance.sigstore.json", AttestationKind.Provenance, "*", bundle));
                records.AddRange(await SignSbomsAsync(request, signer, cancellationToken).ConfigureAwait(false));
            }

            return _attestations.Save(request.Run.Id, records);
        }
        finally
        {
            (signer as IDisposable)?.Dispose();
        }
    }

    private static async Task<List<AttestationBundle>> SignSbomsAsync(RunSigningRequest request, ISigner signer, CancellationToken cancellationToken)
    {
        var records = new List<AttestationBundle>();
        var index = 0;
        foreach (var sbom in request.Artifacts.Where(a => SbomDetector.MayBeSbom(a.Name, a.Size)))
        {
            byte[] bytes;
            await using (var content = request.Store.OpenRead(sbom.Digest))
            using (var buffer = new MemoryStream())
            {
                await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                bytes = buffer.ToArray();
            }

            if (SbomDetector.PredicateType(bytes) is not { } predicateType || JsonNode.Parse(bytes) is not JsonObject predicate)
                continue;
            var subjects = request.Artifacts.Where(a => a.Digest != sbom.Digest)
                .Select(a => InTotoSubject.Sha256(a.Name, a.Digest.Hex)).DistinctBy(s => s.Name).ToList();
            if (subjects.Count == 0)
                continue;
            var statement = new InTotoStatement(subjects, predicateType, predicate);
            var bundle = await BundleSigner.SignStatementAsync(signer, statement, cancellationToken).ConfigureAwait(false);
            records.Add(Bundle($"sbom-{++index:000}.sigstore.json", AttestationKind.Sbom, sbom.Name, bundle));
        }

        return records;
    }

    private static AttestationBundle Bundle(string fileName, AttestationKind kind, string subject, SigstoreBundle bundle) =>
        new(fileName, kind, subject, BundleJson.Serialize(bundle));
}
