using Rampart.Cli.Hosting;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Cli.Commands.Ledger;

/// <summary>Finds the ledger of the state folder and the key its checkpoints must verify with.</summary>
internal static class LedgerState
{
    public static string Folder(string? home) => StateFolder.Resolve(home, Directory.GetCurrentDirectory());

    public static LedgerReader OpenReader(string state)
    {
        try
        {
            return LedgerReader.Open(state);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"{state}: no ledger here (use --home or RAMPART_HOME to point at another state folder)");
        }
    }

    /// <summary>
    /// The pinned key when given (verifier key text, or a file holding it), else the state folder's own key.
    /// Pinning matters: whoever can replace the store can also replace the key file beside it.
    /// </summary>
    public static NoteVerifier Verifier(string state, string? pinned)
    {
        if (pinned is not null)
        {
            var text = File.Exists(pinned) ? File.ReadAllText(pinned).Trim() : pinned.Trim();
            try
            {
                return NoteVerifier.Parse(text);
            }
            catch (NoteException)
            {
                throw new UsageException($"--key: '{Shorten(text)}' is not a signed-note verifier key (name+hash+base64) nor a file holding one");
            }
        }

        return LedgerKeyStore.LoadVerifier(state)
            ?? throw new UsageException($"{state}: no ledger key here; pass the verifier key with --key");
    }

    public static string ReadCheckpointFile(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"{path}: no such checkpoint file");
        var info = new FileInfo(path);
        if (info.Length > 64 * 1024)
            throw new UsageException($"{path}: too large to be a checkpoint ({info.Length} bytes)");
        return File.ReadAllText(path);
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
