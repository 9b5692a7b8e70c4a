using Rampart.Core.Tests.Interop;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Tests.Signing;

/// <summary>One case directory of the Sigstore conformance suite, verified the way its README says.</summary>
internal static class ConformanceCase
{
    public const string DefaultIdentity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    public const string DefaultIssuer = "https://token.actions.githubusercontent.com";

    public static string Directory(string name) =>
        Path.GetDirectoryName(RepoPaths.TestDataFile("sigstore-conformance", "assets", "bundle-verify", name, "bundle.sigstore.json"))!;

    public static async Task<VerificationResult> VerifyAsync(string name)
    {
        var dir = Directory(name);
        SigstoreBundle bundle;
        try
        {
            bundle = BundleJson.Parse(await File.ReadAllBytesAsync(Path.Combine(dir, "bundle.sigstore.json")));
        }
        catch (FormatException e)
        {
            return VerificationResult.Fail(e.Message);
        }

        var artifactPath = File.Exists(Path.Combine(dir, "artifact")) ? Path.Combine(dir, "artifact") : Path.Combine(dir, "..", "a.txt");
        var rootPath = File.Exists(Path.Combine(dir, "trusted_root.json"))
            ? Path.Combine(dir, "trusted_root.json")
            : RepoPaths.TestDataFile("sigstore-trust-root", "trusted_root.json");
        VerificationKey? key = null;
        try
        {
            if (File.Exists(Path.Combine(dir, "key.pub")))
                key = VerificationKey.FromPem(await File.ReadAllTextAsync(Path.Combine(dir, "key.pub")));
        }
        catch (Exception e) when (e is SigningKeyException or FormatException)
        {
            return VerificationResult.Fail("bad key: " + e.Message);
        }

        using (key)
        {
            var policy = new VerificationPolicy
            {
                Key = key,
                TrustedRoot = TrustedRoot.Load(rootPath),
                Identity = ReadOr(dir, "identity", DefaultIdentity),
                Issuer = ReadOr(dir, "issuer", DefaultIssuer),
            };
            await using var artifact = File.OpenRead(artifactPath);
            return await BundleVerifier.VerifyAsync(bundle, artifact, policy, CancellationToken.None);
        }
    }

    private static string ReadOr(string dir, string file, string fallback) =>
        File.Exists(Path.Combine(dir, file)) ? File.ReadAllText(Path.Combine(dir, file)).Trim() : fallback;
}
