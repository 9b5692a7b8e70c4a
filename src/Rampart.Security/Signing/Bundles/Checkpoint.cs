using System.Globalization;
using System.Text;

namespace Rampart.Security.Signing.Bundles;

/// <summary>
/// A log checkpoint in signed-note form: <c>origin\nsize\nbase64(root)\n[extensions]\n\n— name base64(keyhint‖sig)\n</c>.
/// Checks that the log's key signed it and that it names the proof's tree size and root.
/// </summary>
internal static class Checkpoint
{
    public static string? Check(string note, TrustedLog log, InclusionProof proof)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
            return "checkpoint is not a signed note";
        var body = note[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 4
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || size != proof.TreeSize
            || lines[2] != Convert.ToBase64String(proof.RootHash.Span))
        {
            return "checkpoint does not match the inclusion proof's tree size and root";
        }

        var hint = log.KeyId[..4].Span;
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
                return "checkpoint has a malformed signature line";
            var parts = line[2..].Split(' ');
            if (parts.Length != 2)
                return "checkpoint has a malformed signature line";
            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                return "checkpoint signature is not base64";
            }

            if (signature.Length > 4 && signature.AsSpan(0, 4).SequenceEqual(hint)
                && log.Key.Verify(Encoding.UTF8.GetBytes(body), signature.AsSpan(4)))
            {
                return null;
            }
        }

        return "checkpoint is not signed by the log's key";
    }
}
