namespace Rampart.Security.Signing.Keys;

/// <summary>
/// Something that signs with a private key the caller never sees: a key file unlocked in this
/// process today, a cloud KMS or an HSM later. Signatures are ECDSA over SHA-256, DER-encoded
/// (the form Sigstore bundles and DSSE envelopes carry).
/// </summary>
public interface ISigner
{
    /// <summary>The public key in SubjectPublicKeyInfo (SPKI) DER form.</summary>
    ReadOnlyMemory<byte> PublicKeySpki { get; }

    /// <summary>
    /// Signs a SHA-256 digest (the message was hashed by the caller, as KMS and HSM interfaces
    /// expect); returns a DER-encoded ECDSA signature, equal to signing the message with SHA-256.
    /// </summary>
    ValueTask<byte[]> SignDigestAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken);
}
