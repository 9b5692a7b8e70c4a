using System.Globalization;
using Rampart.Cli.Hosting;
using Rampart.Core.Signing;
using Rampart.Engine.Artifacts;
using Rampart.Security.Oci;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Runs;
using Rampart.Store.Sqlite;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart push --run ID ARTIFACT REF</c>: publishes an artifact of a recorded run with everything the
/// engine signed for it (signature, provenance, SBOM attestations) and the run's SBOMs, after
/// re-verifying the run, so nothing unverified leaves the machine.
/// </summary>
internal static class PushFromRun
{
    public static async Task<(string File, List<OciAttachment> Attachments, string TempDirectory)> PrepareAsync(long runId, string name, string? home, CancellationToken token)
    {
        var state = StateFolder.Resolve(home, ".");
        var database = StateFolder.DatabasePath(state);
        if (!File.Exists(database))
            throw new UsageException($"{state}: no runs recorded here (use --home or RAMPART_HOME)");
        var details = await new SqliteRunStore(database).GetRunAsync(runId, token)
            ?? throw new UsageException($"no run with id {runId.ToString(CultureInfo.InvariantCulture)}");
        var artifact = details.Artifacts.FirstOrDefault(a => a.Name == name)
            ?? throw new UsageException($"run {runId.ToString(CultureInfo.InvariantCulture)} kept no artifact named '{name}'; it kept: {string.Join(", ", details.Artifacts.Select(a => a.Name))}");
        var store = new FileSystemArtifactStore(StateFolder.ArtifactsPath(state));
        using (var key = SigningCli.ReadPublicKey(SigningHost.PublicKeyPath(state)))
        {
            var verdict = await new RunVerifier(key, state, SigningHost.BuilderId)
                .VerifyRunAsync(details.Run, SigningHost.Expectations(details.Run, null), details.Artifacts, store, token);
            if (!verdict.Allowed)
                throw new UsageException($"run {runId.ToString(CultureInfo.InvariantCulture)} does not verify, so it is not published: {verdict.Reason}");
        }

        var index = AttestationIndex.Read(state, runId) ?? throw new UsageException($"run {runId.ToString(CultureInfo.InvariantCulture)} was not signed");
        var attachments = new List<OciAttachment>();
        foreach (var record in index.Where(r => r.Kind == AttestationKind.Signature && r.Subject == name))
            attachments.Add(OciAttachment.Bundle(await File.ReadAllBytesAsync(Path.Combine(state, record.BundlePath), token), Path.GetFileName(name) + ".sigstore.json", null));
        foreach (var record in index.Where(r => r.Kind == AttestationKind.Provenance))
            attachments.Add(OciAttachment.Bundle(await File.ReadAllBytesAsync(Path.Combine(state, record.BundlePath), token), "provenance.sigstore.json", SlsaProvenance.PredicateType));
        foreach (var record in index.Where(r => r.Kind == AttestationKind.Sbom && r.Subject != name))
        {
            var sbom = details.Artifacts.First(a => a.Name == record.Subject);
            await using var content = store.OpenRead(sbom.Digest);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, token);
            var bytes = buffer.ToArray();
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            var mediaType = text.Contains("\"spdxVersion\"", StringComparison.Ordinal) ? OciMediaTypes.Spdx : OciMediaTypes.CycloneDx;
            var bundle = await File.ReadAllBytesAsync(Path.Combine(state, record.BundlePath), token);
            var predicateType = mediaType == OciMediaTypes.Spdx ? "https://spdx.dev/Document" : "https://cyclonedx.org/bom";
            attachments.Add(OciAttachment.Bundle(bundle, Path.GetFileName(record.Subject) + ".sigstore.json", predicateType));
            attachments.Add(OciAttachment.Sbom(bytes, Path.GetFileName(record.Subject), mediaType));
        }

        var temp = Directory.CreateTempSubdirectory("rampart-push-").FullName;
        var file = Path.Combine(temp, Path.GetFileName(name));
        await using (var source = store.OpenRead(artifact.Digest))
        await using (var target = File.Create(file))
            await source.CopyToAsync(target, token);
        return (file, attachments, temp);
    }
}
