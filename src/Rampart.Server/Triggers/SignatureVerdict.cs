namespace Rampart.Server.Triggers;

/// <summary>Whether a commit carries a valid signature from an allowed signer, with the reason in one line.</summary>
/// <param name="Verified">True only for a good signature by an allowed signer.</param>
/// <param name="Reason">One line: who signed, or why the commit is refused.</param>
/// <param name="Signer">The SSH principal and key fingerprint, or the OpenPGP primary key fingerprint, when verified.</param>
public sealed record SignatureVerdict(bool Verified, string Reason, string? Signer)
{
    public static SignatureVerdict Good(string signer, string reason) => new(true, reason, signer);

    public static SignatureVerdict Refused(string reason) => new(false, reason, null);
}
