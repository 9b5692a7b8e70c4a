using System.Globalization;
using NSec.Cryptography;

namespace Rampart.Security.Ledger.Notes;

/// <summary>
/// An Ed25519 signer key of the signed-note format:
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;8 hex key hash&gt;+&lt;base64(0x01 ‖ 32-byte seed)&gt;</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        Verifier = NoteVerifier.FromPublicKey(name, key.PublicKey);
    }

    public string Name { get; }

    public uint KeyHash => Verifier.KeyHash;

    public NoteVerifier Verifier { get; }

    /// <summary>Makes a fresh key with the system's random source.</summary>
    public static NoteSigner Generate(string name)
    {
        if (!NoteKeyFormat.IsValidName(name))
            throw new ArgumentException($"'{name}' is not a valid key name (no spaces, no '+')", nameof(name));
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, key);
    }

    public static NoteSigner Parse(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        if (!signerKey.StartsWith(Prefix, StringComparison.Ordinal))
            throw InvalidKey();
        var parts = signerKey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3 || !NoteKeyFormat.IsValidName(parts[0]) || !NoteKeyFormat.TryParseHash(parts[1], out var hash))
            throw InvalidKey();
        var raw = NoteKeyFormat.DecodeBase64(parts[2]);
        if (raw is null || raw.Length != 33 || raw[0] != NoteKeyFormat.Ed25519Algorithm)
            throw InvalidKey();
        var key = Key.Import(SignatureAlgorithm.Ed25519, raw.AsSpan(1), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var signer = new NoteSigner(parts[0], key);
        if (signer.KeyHash != hash)
        {
            signer.Dispose();
            throw InvalidKey();
        }

        return signer;
    }

    /// <summary>The signer key in its text form (secret: store it 0600).</summary>
    public string Export()
    {
        var raw = new byte[33];
        raw[0] = NoteKeyFormat.Ed25519Algorithm;
        _key.Export(KeyBlobFormat.RawPrivateKey).CopyTo(raw, 1);
        return Prefix + Name + "+" + KeyHash.ToString("x8", CultureInfo.InvariantCulture) + "+" + Convert.ToBase64String(raw);
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();

    private static NoteException InvalidKey() => new(NoteError.InvalidKey, "malformed signer key");
}
