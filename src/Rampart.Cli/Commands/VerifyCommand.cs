using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Rampart.Cli.Hosting;
using Rampart.Engine.Artifacts;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Runs;
using Rampart.Store.Sqlite;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart verify FILE --bundle B --key PUB</c> checks one file; <c>rampart verify --run ID</c>
/// re-checks a whole run: every artifact's bytes, signature and provenance.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "File to verify (omit with --run)", Arity = ArgumentArity.ZeroOrOne };
        var bundle = new Option<string?>("--bundle") { Description = "Sigstore bundle (default: FILE.sigstore.json)" };
        var key = new Option<string?>("--key") { Description = "Public key, PEM (with --run: default <state>/keys/signing.pub)" };
        var run = new Option<long?>("--run") { Description = "Re-verify every artifact of this run" };
        var sourceRef = new Option<string?>("--source-ref") { Description = "With --run: also require provenance for this ref (e.g. refs/heads/main)" };
        var trustedRoot = new Option<string?>("--trusted-root") { Description = "For keyless (certificate) bundles: Sigstore trusted_root.json with the CAs and logs to trust" };
        var identity = new Option<string?>("--certificate-identity") { Description = "For keyless bundles: the signer identity (certificate SAN) that must match exactly" };
        var issuer = new Option<string?>("--certificate-oidc-issuer") { Description = "For keyless bundles: the OIDC issuer that must match exactly" };
        var format = CommonOptions.Format();
        var command = new Command("verify", "Verify a file against its Sigstore bundle, or a whole run with --run");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { bundle, key, run, sourceRef, trustedRoot, identity, issuer, format })
            command.Options.Add(option);
        command.SetAction((result, token) => SigningCli.RunAsync(async () =>
        {
            if (result.GetValue(run) is { } runId)
            {
                if (result.GetValue(file) is not null)
                    throw new UsageException("give either FILE or --run, not both");
                return await VerifyRunAsync(runId, result.GetValue(key), result.GetValue(sourceRef), result.GetValue(CommonOptions.Home), result.GetValue(format), token);
            }

            var path = result.GetValue(file) ?? throw new UsageException("give a FILE to verify, or --run ID");
            var signed = SigningCli.ReadBundle(result.GetValue(bundle) ?? path + ".sigstore.json");
            var policy = signed.PublicKeyHint is not null
                ? new VerificationPolicy
                {
                    Key = SigningCli.ReadPublicKey(result.GetValue(key) ?? throw new UsageException("--key PUB is required: the bundle is signed with a key")),
                    TrustedRoot = result.GetValue(trustedRoot) is { } rootPath ? TrustedRoot.Load(SigningCli.RequireFile(rootPath, "trusted root")) : null,
                }
                : new VerificationPolicy
                {
                    TrustedRoot = TrustedRoot.Load(SigningCli.RequireFile(result.GetValue(trustedRoot) ?? throw new UsageException("--trusted-root is required: the bundle is signed with a certificate"), "trusted root")),
                    Identity = result.GetValue(identity) ?? throw new UsageException("--certificate-identity is required for a certificate-signed bundle"),
                    Issuer = result.GetValue(issuer) ?? throw new UsageException("--certificate-oidc-issuer is required for a certificate-signed bundle"),
                };
            using var publicKey = policy.Key;
            byte[] digest;
            await using (var content = File.OpenRead(SigningCli.RequireFile(path, "file")))
                digest = await SHA256.HashDataAsync(content, token);
            var verdict = BundleVerifier.Verify(signed, digest, policy);
            var how = publicKey is not null ? $"signed by key {publicKey.Hint}" : $"signed by {policy.Identity} ({policy.Issuer}), logged at {verdict.SignedAt:u}";
            return await SigningCli.ReportAsync(verdict.Verified, path, verdict.Verified ? how : verdict.Reason,
                result.GetValue(format), new JsonObject { ["sha256"] = Convert.ToHexStringLower(digest) });
        }));
        return command;
    }

    private static async Task<ExitCode> VerifyRunAsync(long runId, string? keyPath, string? sourceRef, string? home, Output.OutputFormat format, CancellationToken token)
    {
        var state = StateFolder.Resolve(home, ".");
        var database = StateFolder.DatabasePath(state);
        if (!File.Exists(database))
            throw new UsageException($"{state}: no runs recorded here (use --home or RAMPART_HOME)");
        var details = await new SqliteRunStore(database).GetRunAsync(runId, token)
            ?? throw new UsageException($"no run with id {runId.ToString(CultureInfo.InvariantCulture)}");
        using var publicKey = SigningCli.ReadPublicKey(keyPath ?? SigningHost.PublicKeyPath(state));
        var verifier = new RunVerifier(publicKey, state, SigningHost.BuilderId);
        var verdict = await verifier.VerifyRunAsync(details.Run, SigningHost.Expectations(details.Run, sourceRef), details.Artifacts,
            new FileSystemArtifactStore(StateFolder.ArtifactsPath(state)), token);
        return await SigningCli.ReportAsync(verdict.Allowed, $"run {runId.ToString(CultureInfo.InvariantCulture)}", verdict.Reason, format);
    }
}
