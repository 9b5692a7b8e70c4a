using System.Security.Cryptography;
using Rampart.Security.Signing.Dsse;
using Rampart.Security.Signing.InToto;
using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Bundles;

/// <summary>Makes key-based v0.3 bundles: no certificate, no log entries (<c>tlogEntries: []</c>).</summary>
public static class BundleSigner
{
    /// <summary>Signs an artifact's bytes (streamed, so large files never sit in memory).</summary>
    public static async Task<SigstoreBundle> SignArtifactAsync(ISigner signer, Stream artifact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var digest = await SHA256.HashDataAsync(artifact, cancellationToken).ConfigureAwait(false);
        var signature = await signer.SignDigestAsync(digest, cancellationToken).ConfigureAwait(false);
        return new SigstoreBundle { PublicKeyHint = signer.KeyHint(), MessageSignature = new MessageSignature(digest, signature) };
    }

    /// <summary>Wraps an in-toto statement in a signed DSSE envelope.</summary>
    public static async Task<SigstoreBundle> SignStatementAsync(ISigner signer, InTotoStatement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(statement);
        var envelope = await DsseEnvelope.SignAsync(signer, InTotoStatement.PayloadType, statement.ToBytes(), signer.KeyHint(), cancellationToken).ConfigureAwait(false);
        return new SigstoreBundle { PublicKeyHint = signer.KeyHint(), Envelope = envelope };
    }
}
