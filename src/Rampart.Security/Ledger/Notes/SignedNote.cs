using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Rampart.Security.Ledger.Notes;

/// <summary>
/// The C2SP signed-note format: UTF-8 text ending in a newline, a blank line, then one line per
/// signature: <c>— &lt;name&gt; &lt;base64(key hash ‖ signature)&gt;</c>. The signature covers the text only.
/// </summary>
public static class SignedNote
{
    private const int MaxSignatures = 100;
    private static readonly byte[] SignaturePrefix = Encoding.UTF8.GetBytes("\u2014 ");

    /// <summary>
    /// Signs <paramref name="text"/> with each signer; <paramref name="existing"/> signatures are kept
    /// unless one of the signers replaces them (same name and key hash).
    /// </summary>
    public static string Sign(string text, IEnumerable<NoteSignature> existing, params IReadOnlyList<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(signers);
        var textBytes = Encoding.UTF8.GetBytes(text);
        if (!text.EndsWith('\n') || !IsValidText(textBytes))
            throw NoteException.Malformed();

        var replaced = new HashSet<(string, uint)>();
        var fresh = new StringBuilder();
        foreach (var signer in signers)
        {
            replaced.Add((signer.Name, signer.KeyHash));
            fresh.Append(Line(signer.Name, signer.KeyHash, signer.Sign(textBytes)));
        }

        var note = new StringBuilder(text).Append('\n');
        foreach (var signature in existing)
        {
            if (!NoteKeyFormat.IsValidName(signature.Name))
                throw NoteException.Malformed();
            if (replaced.Contains((signature.Name, signature.KeyHash)))
                continue;
            var raw = NoteKeyFormat.DecodeBase64(signature.Base64);
            if (raw is null || raw.Length < 5 || BinaryPrimitives.ReadUInt32BigEndian(raw) != signature.KeyHash)
                throw NoteException.Malformed();
            note.Append("\u2014 ").Append(signature.Name).Append(' ').Append(signature.Base64).Append('\n');
        }

        if (fresh.Length == 0 && note.Length == text.Length + 1)
            throw NoteException.Malformed();
        return note.Append(fresh).ToString();
    }

    /// <summary>Signs <paramref name="text"/> with one signer.</summary>
    public static string Sign(string text, NoteSigner signer) => Sign(text, [], signer);

    /// <summary>
    /// Parses and verifies a signed note. Signatures by keys <paramref name="verifiers"/> does not know
    /// are returned unverified; a note with no verified signature fails with
    /// <see cref="NoteError.NoVerifiedSignatures"/> (and carries the parsed note).
    /// </summary>
    public static Note Open(ReadOnlySpan<byte> message, INoteVerifiers verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        if (!IsValidText(message))
            throw NoteException.Malformed();
        var split = message.LastIndexOf("\n\n"u8);
        if (split < 0)
            throw NoteException.Malformed();
        var text = message[..(split + 1)];
        var block = message[(split + 2)..];
        if (block.IsEmpty || block[^1] != (byte)'\n')
            throw NoteException.Malformed();

        var textString = Encoding.UTF8.GetString(text);
        var verified = new List<NoteSignature>();
        var unverified = new List<NoteSignature>();
        var seen = new HashSet<(string, uint)>();
        var seenUnverified = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        while (!block.IsEmpty)
        {
            var end = block.IndexOf((byte)'\n');
            var line = block[..end];
            block = block[(end + 1)..];
            if (!line.StartsWith(SignaturePrefix))
                throw NoteException.Malformed();
            var rest = Encoding.UTF8.GetString(line[SignaturePrefix.Length..]);
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            var name = space < 0 ? rest : rest[..space];
            var base64 = space < 0 ? "" : rest[(space + 1)..];
            var raw = NoteKeyFormat.DecodeBase64(base64);
            if (raw is null || !NoteKeyFormat.IsValidName(name) || raw.Length < 5)
                throw NoteException.Malformed();
            if (++count > MaxSignatures)
                throw NoteException.Malformed();
            var hash = BinaryPrimitives.ReadUInt32BigEndian(raw);
            NoteVerifier verifier;
            try
            {
                verifier = verifiers.Find(name, hash);
            }
            catch (NoteException e) when (e.Error == NoteError.UnknownKey)
            {
                if (seenUnverified.Add(rest))
                    unverified.Add(new NoteSignature(name, hash, base64));
                continue;
            }

            if (verifier.Name != name || verifier.KeyHash != hash)
                throw new NoteException(NoteError.MismatchedVerifier, "verifier name or hash doesn't match signature");
            if (!seen.Add((name, hash)))
                continue;
            if (!verifier.Verify(text, raw.AsSpan(4)))
                throw new NoteException(NoteError.InvalidSignature, "invalid signature for key " + NoteVerifierList.Describe(name, hash));
            verified.Add(new NoteSignature(name, hash, base64));
        }

        var note = new Note(textString, verified, unverified);
        if (verified.Count == 0)
            throw new NoteException(NoteError.NoVerifiedSignatures, "note has no verifiable signatures", note);
        return note;
    }

    private static string Line(string name, uint keyHash, byte[] signature)
    {
        var raw = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(raw, keyHash);
        signature.CopyTo(raw, 4);
        return "\u2014 " + name + " " + Convert.ToBase64String(raw) + "\n";
    }

    // Valid UTF-8 with no ASCII control character other than newline.
    private static bool IsValidText(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
            return false;
        foreach (var b in bytes)
        {
            if (b < 0x20 && b != (byte)'\n')
                return false;
        }

        return true;
    }
}
