using Rampart.Security.Ledger;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Ledger;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Picks where the ledger's rows live from the server's database setting: with
/// <c>postgres:CONNECTION-STRING</c> in that PostgreSQL (so replicas on several hosts share one
/// ledger), otherwise in the state folder's <c>ledger.db</c>. The signing key is always the state
/// folder's <c>ledger.key</c>.
/// </summary>
internal static class LedgerStorages
{
    public const string DatabaseVariable = "RAMPART_SERVER_DATABASE";

    private const string Postgres = "postgres:";

    /// <summary>Null for the state folder's file (unset, <c>sqlite</c> or <c>sqlite:PATH</c>), else the <c>postgres:</c> setting.</summary>
    public static string? Parse(string? value, string where)
    {
        if (string.IsNullOrEmpty(value) || value == "sqlite" || value.StartsWith("sqlite:", StringComparison.Ordinal))
            return null;
        if (value.StartsWith(Postgres, StringComparison.Ordinal) && value.Length > Postgres.Length)
            return value;
        // A malformed setting may still hold a password: it is not echoed.
        var shown = value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? "postgres…" : value;
        throw new UsageException($"{where}: '{shown}' is not valid (allowed: sqlite, sqlite:PATH or postgres:CONNECTION-STRING)");
    }

    /// <summary>The ledger a server or a command appends to. Creates the PostgreSQL tables when <paramref name="create"/>.</summary>
    public static async Task<AuditLedger> OpenLedgerAsync(string state, string? database, bool create, CancellationToken cancellationToken)
    {
        if (Parse(database, "database") is not { } postgres)
            return AuditLedger.Open(state);
        // A state folder whose ledger.key did not sign this ledger fails with LedgerKeyMismatchException (exit 2).
        return AuditLedger.Open(state, await OpenPostgresAsync(postgres, create, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<LedgerReader> OpenReaderAsync(string database, CancellationToken cancellationToken) =>
        LedgerReader.Open(await OpenPostgresAsync(database, create: false, cancellationToken).ConfigureAwait(false));

    private static async Task<PostgresLedgerStorage> OpenPostgresAsync(string database, bool create, CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresLedgerStorage.OpenAsync(database[Postgres.Length..], create, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresUnavailableException e)
        {
            throw new UsageException("database: " + e.Message);
        }
    }
}
