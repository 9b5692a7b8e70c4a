using System.CommandLine;
using Rampart.Security.Oci;
using Rampart.Security.Provenance;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart pull REGISTRY/REPO:TAG --out FILE --key PUB [--builder-id ID --source-uri URI [--source-ref REF]]</c>:
/// fetches an artifact and writes it only after its signature (and, when asked, provenance) verified.
/// </summary>
internal static class PullCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("reference") { Description = "REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:DIGEST" };
        var output = new Option<string>("--out") { Description = "Where to write the verified file", Required = true };
        var key = new Option<string>("--key") { Description = "Public key, PEM, that must have signed the artifact", Required = true };
        var builder = new Option<string?>("--builder-id") { Description = "Also require SLSA provenance from this builder" };
        var sourceUri = new Option<string?>("--source-uri") { Description = "With --builder-id: the repository the provenance must name" };
        var sourceRef = new Option<string?>("--source-ref") { Description = "With --builder-id: the ref the provenance must name" };
        var command = new Command("pull", "Fetch an artifact from an OCI registry and verify its signature (and provenance) before writing it");
        command.Arguments.Add(source);
        foreach (var option in new Option[] { output, key, builder, sourceUri, sourceRef })
            command.Options.Add(option);
        command.SetAction((result, token) => SigningCli.RunAsync(async () =>
        {
            var reference = OciReference.Parse(result.GetValue(source)!);
            var destination = Path.GetFullPath(result.GetValue(output)!);
            using var publicKey = SigningCli.ReadPublicKey(result.GetValue(key)!);
            if ((result.GetValue(builder) is null) != (result.GetValue(sourceUri) is null))
                throw new UsageException("--builder-id and --source-uri go together");
            var temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
            try
            {
                PulledArtifact pulled;
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                    pulled = await new OciPublisher(new OciRegistryClient(http)).PullAsync(reference, file, token);
                var expectations = result.GetValue(builder) is { } builderId
                    ? new ProvenanceExpectations(pulled.ContentDigest.Hex, builderId, result.GetValue(sourceUri)!) { SourceRef = result.GetValue(sourceRef) }
                    : null;
                var verdict = PullVerifier.Verify(pulled, publicKey, expectations);
                if (!verdict.Verified)
                    return await SigningCli.ReportAsync(false, reference.ToString(), verdict.Reason, Output.OutputFormat.Table);
                File.Move(temporary, destination, overwrite: true);
                return await SigningCli.ReportAsync(true, reference.ToString(),
                    $"{pulled.ContentDigest} written to {destination}{(expectations is null ? "" : "; provenance verified")}", Output.OutputFormat.Table);
            }
            finally
            {
                File.Delete(temporary);
            }
        }));
        return command;
    }
}
