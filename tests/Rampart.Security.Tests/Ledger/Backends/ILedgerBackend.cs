using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger.Backends;

/// <summary>
/// One ledger on one storage, as the shared ledger tests see it. SQL given to <see cref="TamperAsync"/>
/// and <see cref="QueryAsync{T}"/> names tables as <c>{entries}</c>, <c>{nodes}</c> and
/// <c>{checkpoints}</c>, and parameters as <c>@name</c>.
/// </summary>
public interface ILedgerBackend : IAsyncDisposable
{
    /// <summary>The state folder holding <c>ledger.key</c>.</summary>
    string StateFolder { get; }

    Task<AuditLedger> OpenAsync(LedgerOptions? options = null);

    Task<LedgerReader> OpenReaderAsync();

    /// <summary>Runs SQL as an intruder with write access to the storage would: the append-only triggers are out of the way first.</summary>
    Task TamperAsync(string sql, params (string Name, object Value)[] parameters);

    Task<T> QueryAsync<T>(string sql);

    /// <summary>Removes every row, as an intruder rebuilding the ledger from scratch would.</summary>
    Task WipeAsync();
}
