using Rampart.Security.Signing.InToto;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// The answer of a verification: verified, or the first reason it failed (one line, for people).
/// For a DSSE bundle that verified, the in-toto statement it carried.
/// </summary>
public sealed record VerificationResult(bool Verified, string Reason)
{
    public InTotoStatement? Statement { get; init; }

    /// <summary>When the signature was made, as a verified log entry proves it (null when none did).</summary>
    public DateTimeOffset? SignedAt { get; init; }

    public static VerificationResult Fail(string reason) => new(false, reason);
}
