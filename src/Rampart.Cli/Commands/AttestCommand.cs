using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Security.Provenance;
using Rampart.Security.Signing.Bundles;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart attest verify FILE --provenance B --key PUB --builder-id ID --source-uri URI [--source-ref REF]</c>:
/// checks provenance in the manner of slsa-verifier (signature, subject digest, builder, source).
/// </summary>
internal static class AttestCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The artifact the provenance must be about" };
        var provenance = new Option<string>("--provenance") { Description = "Provenance as a Sigstore bundle (DSSE, in-toto, SLSA v1)", Required = true };
        var key = new Option<string>("--key") { Description = "Public key, PEM", Required = true };
        var builder = new Option<string>("--builder-id") { Description = "Builder id the provenance must name (runDetails.builder.id)", Required = true };
        var source = new Option<string>("--source-uri") { Description = "Repository the build must come from (externalParameters.source.repository)", Required = true };
        var sourceRef = new Option<string?>("--source-ref") { Description = "Ref the build must come from, e.g. refs/heads/main" };
        var format = CommonOptions.Format();
        var verify = new Command("verify", "Verify SLSA provenance for an artifact: signature, subject digest, builder id, source repository and ref");
        verify.Arguments.Add(file);
        foreach (var option in new Option[] { provenance, key, builder, source, sourceRef, format })
            verify.Options.Add(option);
        verify.SetAction((result, token) => SigningCli.RunAsync(async () =>
        {
            var path = SigningCli.RequireFile(result.GetValue(file)!, "file");
            var bundle = SigningCli.ReadBundle(result.GetValue(provenance)!);
            if (bundle.Envelope is null)
                throw new UsageException($"{result.GetValue(provenance)}: not an attestation (the bundle holds a message signature, not a DSSE envelope)");
            using var publicKey = SigningCli.ReadPublicKey(result.GetValue(key)!);
            byte[] digest;
            await using (var content = File.OpenRead(path))
                digest = await SHA256.HashDataAsync(content, token);
            var verdict = BundleVerifier.Verify(bundle, digest, new VerificationPolicy { Key = publicKey });
            var reason = verdict.Reason;
            var verified = verdict.Verified;
            if (verified)
            {
                var expectations = new ProvenanceExpectations(Convert.ToHexStringLower(digest), result.GetValue(builder)!, result.GetValue(source)!)
                {
                    SourceRef = result.GetValue(sourceRef),
                };
                var mismatch = verdict.Statement is null ? "the envelope does not hold an in-toto statement" : ProvenanceVerifier.Check(verdict.Statement, expectations);
                verified = mismatch is null;
                reason = mismatch ?? $"built by {expectations.BuilderId} from {expectations.SourceRepository}{(expectations.SourceRef is null ? "" : "@" + expectations.SourceRef)}";
            }

            return await SigningCli.ReportAsync(verified, path, reason, result.GetValue(format), new JsonObject { ["sha256"] = Convert.ToHexStringLower(digest) });
        }));
        var command = new Command("attest", "Work with attestations (SLSA provenance, SBOM attestations)");
        command.Subcommands.Add(verify);
        return command;
    }
}
