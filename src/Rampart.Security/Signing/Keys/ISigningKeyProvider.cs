namespace Rampart.Security.Signing.Keys;

/// <summary>
/// Where the engine gets its signer. The seam a cloud KMS or HSM plugs into: the provider hands
/// out an <see cref="ISigner"/> and keeps the private key to itself.
/// </summary>
public interface ISigningKeyProvider
{
    /// <summary>Opens the signer; throws <see cref="SigningKeyException"/> when the key cannot be unlocked.</summary>
    ValueTask<ISigner> OpenAsync(CancellationToken cancellationToken);
}
