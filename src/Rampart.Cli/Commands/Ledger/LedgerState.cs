using System.CommandLine;
using Rampart.Cli.Hosting;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Notes;

namespace Rampart.Cli.Commands.Ledger;

/// <summary>
/// Finds the ledger (the state folder's file, or the server's PostgreSQL) and the key its
/// checkpoints must verify with.
/// </summary>
internal static class LedgerState
{
    /// <summary>Where the ledger's rows are; the same setting (and variable) as <c>rampart server</c>'s database.</summary>
    public static Option<string?> Database { get; } = new("--database")
    {
        Description = "The server's database when it is postgres:CONNECTION-STRING: its ledger is there (default: RAMPART_SERVER_DATABASE; "
            + "sqlite or unset: the state folder's ledger.db)",
        Recursive = true,
    };

    public static string Folder(string? home) => StateFolder.Resolve(home, Directory.GetCurrentDirectory());

    /// <summary>The PostgreSQL setting when the ledger is there, else null (the state folder's file).</summary>
    public static string? DatabaseSetting(ParseResult result)
    {
        var value = result.GetValue(Database);
        var where = "--database";
        if (value is null)
        {
            value = Environment.GetEnvironmentVariable(LedgerStorages.DatabaseVariable);
            where = LedgerStorages.DatabaseVariable;
        }

        return LedgerStorages.Parse(value, where);
    }

    public static async Task<LedgerReader> OpenReaderAsync(string state, string? database, CancellationToken cancellationToken)
    {
        if (database is not null)
            return await LedgerStorages.OpenReaderAsync(database, cancellationToken);
        try
        {
            return LedgerReader.Open(state);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"{state}: no ledger here (use --home or RAMPART_HOME to point at another state folder, or --database for a server's PostgreSQL)");
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
