using System.CommandLine;
using Rampart.Security.Oci;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart push FILE REGISTRY/REPO:TAG [--bundle B] [--attestation A]... [--sbom S]...</c>: the file as
/// an OCI artifact, its signature, attestations and SBOMs as referrers. With <c>--run ID</c>, FILE names an
/// artifact of that run, published with what the engine signed for it.
/// </summary>
internal static class PushCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "File to publish (with --run: the artifact's name in the run, e.g. out/app.bin)" };
        var target = new Argument<string>("reference") { Description = "REGISTRY/REPOSITORY:TAG (loopback registries are spoken to over plain HTTP)" };
        var bundle = new Option<string?>("--bundle") { Description = "Signature bundle to attach (default: FILE.sigstore.json when it exists)" };
        var attestations = new Option<string[]>("--attestation") { Description = "DSSE bundle to attach: provenance or an SBOM attestation (repeatable)" };
        var sboms = new Option<string[]>("--sbom") { Description = "CycloneDX or SPDX JSON file to attach (repeatable)" };
        var run = new Option<long?>("--run") { Description = "Publish an artifact of this run, verified, with its signature, provenance and SBOMs" };
        var command = new Command("push", "Publish a file to an OCI registry with its signature, attestations and SBOMs attached as referrers");
        command.Arguments.Add(file);
        command.Arguments.Add(target);
        foreach (var option in new Option[] { bundle, attestations, sboms, run })
            command.Options.Add(option);
        command.SetAction((result, token) => SigningCli.RunAsync(async () =>
        {
            var reference = OciReference.Parse(result.GetValue(target)!);
            if (reference.Tag is null)
                throw new UsageException("push needs a tag: REGISTRY/REPOSITORY:TAG");
            if (result.GetValue(run) is { } runId)
            {
                var (runFile, runAttachments, temp) = await PushFromRun.PrepareAsync(runId, result.GetValue(file)!, result.GetValue(CommonOptions.Home), token);
                try
                {
                    return await PushAsync(reference, runFile, runAttachments, token);
                }
                finally
                {
                    Directory.Delete(temp, recursive: true);
                }
            }

            var path = SigningCli.RequireFile(result.GetValue(file)!, "file");
            var attachments = new List<OciAttachment>();
            var signature = result.GetValue(bundle) ?? (File.Exists(path + ".sigstore.json") ? path + ".sigstore.json" : null);
            if (signature is not null)
                attachments.Add(Attach(signature, expectEnvelope: false));
            foreach (var attestation in result.GetValue(attestations) ?? [])
                attachments.Add(Attach(attestation, expectEnvelope: true));
            foreach (var sbom in result.GetValue(sboms) ?? [])
            {
                var bytes = await File.ReadAllBytesAsync(SigningCli.RequireFile(sbom, "SBOM file"), token);
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                var mediaType = text.Contains("\"spdxVersion\"", StringComparison.Ordinal) ? OciMediaTypes.Spdx
                    : text.Contains("\"bomFormat\"", StringComparison.Ordinal) ? OciMediaTypes.CycloneDx
                    : throw new UsageException($"{sbom}: neither CycloneDX nor SPDX JSON");
                attachments.Add(OciAttachment.Sbom(bytes, Path.GetFileName(sbom), mediaType));
            }

            return await PushAsync(reference, path, attachments, token);
        }));
        return command;
    }

    private static async Task<ExitCode> PushAsync(OciReference reference, string path, List<OciAttachment> attachments, CancellationToken token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var pushed = await new OciPublisher(new OciRegistryClient(http)).PushAsync(reference, path, attachments, token);
        await System.Console.Out.WriteLineAsync($"pushed {reference.Registry}/{reference.Repository}@{pushed.Manifest}");
        foreach (var referrer in pushed.Referrers)
            await System.Console.Out.WriteLineAsync($"  referrer {referrer}");
        if (pushed.UsedFallbackTag)
            await System.Console.Error.WriteLineAsync($"note: the registry has no referrers API; referrers are listed under the tag {OciRegistryClient.FallbackTag(pushed.Manifest)}");
        return ExitCode.Success;
    }

    private static OciAttachment Attach(string path, bool expectEnvelope)
    {
        var bytes = File.ReadAllBytes(SigningCli.RequireFile(path, "bundle file"));
        var bundle = SigningCli.ReadBundle(path);
        if (expectEnvelope && bundle.Envelope is null)
            throw new UsageException($"{path}: --attestation takes a DSSE bundle; this one holds a message signature (use --bundle)");
        if (!expectEnvelope && bundle.MessageSignature is null)
            throw new UsageException($"{path}: --bundle takes a signature bundle; this one holds an attestation (use --attestation)");
        string? predicateType = null;
        if (bundle.Envelope is { } envelope)
        {
            try
            {
                predicateType = Security.Signing.InToto.InTotoStatement.Parse(envelope.Payload.Span).PredicateType;
            }
            catch (FormatException e)
            {
                throw new UsageException($"{path}: {e.Message}");
            }
        }

        return OciAttachment.Bundle(bytes, Path.GetFileName(path), predicateType);
    }
}
