using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// What a bundle must satisfy. Key-based bundles need <see cref="Key"/>; certificate-based ones
/// need <see cref="TrustedRoot"/> and the expected <see cref="Identity"/> and <see cref="Issuer"/>.
/// </summary>
public sealed record VerificationPolicy
{
    public VerificationKey? Key { get; init; }

    public TrustedRoot? TrustedRoot { get; init; }

    /// <summary>The certificate's subject alternative name (URI or e-mail) that must match exactly.</summary>
    public string? Identity { get; init; }

    /// <summary>The OIDC issuer recorded in the certificate (Fulcio extension) that must match exactly.</summary>
    public string? Issuer { get; init; }

    /// <summary>
    /// How many log entries must verify. 0 for Rampart's own offline, key-based bundles; a
    /// certificate-based bundle always needs one, since the entry dates the short-lived certificate.
    /// </summary>
    public int TlogThreshold { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
