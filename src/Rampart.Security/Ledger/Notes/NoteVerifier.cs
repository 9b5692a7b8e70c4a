using NSec.Cryptography;

namespace Rampart.Security.Ledger.Notes;

/// <summary>
/// An Ed25519 verifier key of the signed-note format:
/// <c>&lt;name&gt;+&lt;8 hex key hash&gt;+&lt;base64(0x01 ‖ 32-byte public key)&gt;</c>.
/// </summary>
public sealed class NoteVerifier
{
    private readonly PublicKey _key;

    private NoteVerifier(string name, uint keyHash, PublicKey key, string text)
    {
        Name = name;
        KeyHash = keyHash;
        _key = key;
        Text = text;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    /// <summary>The verifier key in its text form, to publish or pin elsewhere.</summary>
    public string Text { get; }

    public static NoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3 || !NoteKeyFormat.IsValidName(parts[0]) || !NoteKeyFormat.TryParseHash(parts[1], out var hash))
            throw InvalidKey();
        var raw = NoteKeyFormat.DecodeBase64(parts[2]);
        if (raw is null || raw.Length != 33 || raw[0] != NoteKeyFormat.Ed25519Algorithm || NoteKeyFormat.KeyHash(parts[0], raw) != hash)
            throw InvalidKey();
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw.AsSpan(1), KeyBlobFormat.RawPublicKey, out var key) || key is null)
            throw InvalidKey();
        return new NoteVerifier(parts[0], hash, key, verifierKey);
    }

    internal static NoteVerifier FromPublicKey(string name, PublicKey key)
    {
        var raw = new byte[33];
        raw[0] = NoteKeyFormat.Ed25519Algorithm;
        key.Export(KeyBlobFormat.RawPublicKey).CopyTo(raw, 1);
        var hash = NoteKeyFormat.KeyHash(name, raw);
        return new NoteVerifier(name, hash, key, $"{name}+{hash:x8}+{Convert.ToBase64String(raw)}");
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureAlgorithm.Ed25519.SignatureSize && SignatureAlgorithm.Ed25519.Verify(_key, message, signature);

    private static NoteException InvalidKey() => new(NoteError.InvalidKey, "malformed verifier key");
}
