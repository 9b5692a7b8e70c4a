using System.Security.Cryptography;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Security.Ledger;

/// <summary>
/// The checkpoint signing key of a state folder: created on first use (Ed25519, owner-only file),
/// refused when anyone but the owner can read it.
/// </summary>
public static class LedgerKeyStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static NoteSigner LoadOrCreate(string stateFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateFolder);
        Directory.CreateDirectory(stateFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = LedgerPaths.SigningKey(stateFolder);
        if (!File.Exists(path))
            TryCreate(stateFolder, path);
        var signer = Load(path);
        WriteVerifierKey(stateFolder, signer.Verifier);
        return signer;
    }

    /// <summary>The verifier for a state folder's key, or null when none was made yet.</summary>
    public static NoteVerifier? LoadVerifier(string stateFolder)
    {
        var path = LedgerPaths.SigningKey(stateFolder);
        if (!File.Exists(path))
            return null;
        using var signer = Load(path);
        return signer.Verifier;
    }

    private static NoteSigner Load(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0)
            throw new UnauthorizedAccessException($"{path}: the ledger key must be readable by its owner only (chmod 600)");
        try
        {
            return NoteSigner.Parse(File.ReadAllText(path).Trim());
        }
        catch (NoteException e)
        {
            throw new LedgerCorruptException($"{path}: not a ledger signing key ({e.Message})", e);
        }
    }

    private static void TryCreate(string stateFolder, string path)
    {
        var name = "rampart-ledger-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        using var signer = NoteSigner.Generate(name);
        var temporary = Path.Combine(stateFolder, $".ledger.key.{Environment.ProcessId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(signer.Export() + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // Without overwrite the move fails if another process made the key first; theirs wins.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static void WriteVerifierKey(string stateFolder, NoteVerifier verifier)
    {
        var path = LedgerPaths.VerifierKey(stateFolder);
        var text = verifier.Text + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
            return;
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
