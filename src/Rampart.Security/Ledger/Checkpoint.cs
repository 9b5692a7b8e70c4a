using System.Globalization;
using System.Text;
using Rampart.Security.Ledger.Merkle;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Security.Ledger;

/// <summary>
/// A tree head in the C2SP tlog-checkpoint format: origin line, tree size in decimal, base64 root
/// hash, then optional extension lines. Signed, it is a signed note.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The note text (what the signature covers).</summary>
    public string ToText() =>
        string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Convert.ToBase64String(RootHash)}\n");

    public string Sign(NoteSigner signer) => SignedNote.Sign(ToText(), signer);

    /// <summary>Parses a checkpoint body. Throws <see cref="FormatException"/> with the reason.</summary>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.EndsWith('\n'))
            throw new FormatException("checkpoint must end with a newline");
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
            throw new FormatException("checkpoint needs an origin, a size and a root hash line");
        var origin = lines[0];
        if (origin.Length == 0)
            throw new FormatException("checkpoint origin is empty");
        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 19 || (sizeText.Length > 1 && sizeText[0] == '0') || !sizeText.All(char.IsAsciiDigit)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new FormatException($"checkpoint size '{sizeText}' is not a decimal number");
        var root = NoteKeyFormat.DecodeBase64(lines[2]);
        if (root is null || root.Length != MerkleHash.Size)
            throw new FormatException("checkpoint root hash is not base64 of 32 bytes");
        if (lines.Skip(3).Any(l => l.Length == 0))
            throw new FormatException("checkpoint has an empty extension line");
        return new Checkpoint(origin, size, root);
    }

    /// <summary>Opens a signed checkpoint: checks the signature and parses the body.</summary>
    public static Checkpoint Open(string signedNote, NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(signedNote);
        ArgumentNullException.ThrowIfNull(verifier);
        var note = SignedNote.Open(Encoding.UTF8.GetBytes(signedNote), new NoteVerifierList([verifier]));
        return Parse(note.Text);
    }
}
