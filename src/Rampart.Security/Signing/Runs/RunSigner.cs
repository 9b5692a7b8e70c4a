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
/// over all of them, and one SBOM attestation per SBOM artifact, written under
/// <c>&lt;state&gt;/attestations/&lt;run&gt;/</c> (a folder no sandboxed step can see).
/// </summary>
public sealed class RunSigner : IRunSigner
{
    private readonly ISigningKeyProvider _keys;
    private readonly string _stateDirectory;
    private readonly string _builderId;
    private readonly string? _builderVersion;

    public RunSigner(ISigningKeyProvider keys, string stateDirectory, string builderId, string? builderVersion = null)
    {
        _keys = keys;
        _stateDirectory = stateDirectory;
        _builderId = builderId;
        _builderVersion = builderVersion;
    }

    public async Task<IReadOnlyList<AttestationRecord>> SignRunAsync(RunSigningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var relative = AttestationIndex.RelativeDirectory(request.Run.Id);
        var directory = Path.Combine(_stateDirectory, relative);
        if (Directory.Exists(directory))
            throw new InvalidOperationException($"{directory} already exists: run {request.Run.Id} was signed before (a state folder reused with a new database?); move that folder away");
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var signer = await _keys.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = new List<AttestationRecord>();
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
                records.Add(Write(request.Run.Id, directory, relative, $"artifact-{++index:000}.sigstore.json", AttestationKind.Signature, artifact.Name, bundle));
            }

            if (request.Artifacts.Count > 0)
            {
                var provenance = ProvenanceBuilder.Build(request, _builderId, _builderVersion);
                var bundle = await BundleSigner.SignStatementAsync(signer, provenance, cancellationToken).ConfigureAwait(false);
                records.Add(Write(request.Run.Id, directory, relative, "provenance.sigstore.json", AttestationKind.Provenance, "*", bundle));
                records.AddRange(await SignSbomsAsync(request, signer, directory, relative, cancellationToken).ConfigureAwait(false));
            }

            AttestationIndex.Write(directory, records);
            return records;
        }
        finally
        {
            (signer as IDisposable)?.Dispose();
        }
    }

    private static async Task<List<AttestationRecord>> SignSbomsAsync(RunSigningRequest request, ISigner signer, string directory, string relative, CancellationToken cancellationToken)
    {
        var records = new List<AttestationRecord>();
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
            records.Add(Write(request.Run.Id, directory, relative, $"sbom-{++index:000}.sigstore.json", AttestationKind.Sbom, sbom.Name, bundle));
        }

        return records;
    }

    private static AttestationRecord Write(long runId, string directory, string relative, string fileName, AttestationKind kind, string subject, SigstoreBundle bundle)
    {
        var bytes = BundleJson.Serialize(bundle);
        File.WriteAllBytes(Path.Combine(directory, fileName), bytes);
        return new AttestationRecord(runId, kind, subject, Digest.Sha256(bytes), Path.Combine(relative, fileName));
    }
}
