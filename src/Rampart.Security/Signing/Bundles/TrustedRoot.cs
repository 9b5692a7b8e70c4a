using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// A Sigstore trusted root (<c>application/vnd.dev.sigstore.trustedroot+json;version=0.1</c>): the
/// transparency logs' keys and the certificate authorities, each with its validity window. Only
/// ECDSA log keys are kept (the Ed25519 keys of Rekor v2 logs are not used by this verifier).
/// </summary>
public sealed class TrustedRoot
{
    private TrustedRoot(IReadOnlyList<TrustedLog> logs, IReadOnlyList<TrustedAuthority> authorities)
    {
        Logs = logs;
        Authorities = authorities;
    }

    public IReadOnlyList<TrustedLog> Logs { get; }

    public IReadOnlyList<TrustedAuthority> Authorities { get; }

    public static TrustedRoot Load(string path) => Parse(File.ReadAllBytes(path));

    /// <exception cref="FormatException">Not a trusted root.</exception>
    public static TrustedRoot Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var logs = new List<TrustedLog>();
        if (root.TryGetProperty("tlogs", out var tlogs))
        {
            foreach (var log in tlogs.EnumerateArray())
            {
                var key = Json.RequiredObject(log, "publicKey");
                if (Json.OptionalString(key, "keyDetails") is { } details && !details.StartsWith("PKIX_ECDSA", StringComparison.Ordinal))
                    continue;
                var (start, end) = Validity(key);
                logs.Add(new TrustedLog(
                    Json.RequiredBase64(Json.RequiredObject(log, "logId"), "keyId"),
                    VerificationKey.FromSpki(Json.RequiredBase64(key, "rawBytes")),
                    start,
                    end));
            }
        }

        var authorities = new List<TrustedAuthority>();
        if (root.TryGetProperty("certificateAuthorities", out var cas))
        {
            foreach (var ca in cas.EnumerateArray())
            {
                var chain = Json.RequiredObject(ca, "certChain");
                var certificates = chain.GetProperty("certificates").EnumerateArray()
                    .Select(c => X509CertificateLoader.LoadCertificate(Json.RequiredBase64(c, "rawBytes")))
                    .ToList();
                var (start, end) = Validity(ca);
                authorities.Add(new TrustedAuthority(certificates, start, end));
            }
        }

        return new TrustedRoot(logs, authorities);
    }

    private static (DateTimeOffset Start, DateTimeOffset? End) Validity(JsonElement holder)
    {
        if (Json.OptionalObject(holder, "validFor") is not { } valid)
            return (DateTimeOffset.MinValue, null);
        var start = Json.OptionalString(valid, "start") is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        DateTimeOffset? end = Json.OptionalString(valid, "end") is { } e ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : null;
        return (start, end);
    }
}
