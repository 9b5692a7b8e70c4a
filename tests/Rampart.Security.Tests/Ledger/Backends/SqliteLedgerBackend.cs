using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger.Backends;

/// <summary>The ledger file of a temporary state folder.</summary>
public sealed class SqliteLedgerBackend : ILedgerBackend
{
    private readonly TempLedgerFolder _folder = new();

    public string StateFolder => _folder.Path;

    public Task<AuditLedger> OpenAsync(LedgerOptions? options = null) => Task.FromResult(AuditLedger.Open(_folder.Path, options));

    public Task<LedgerReader> OpenReaderAsync() => Task.FromResult(LedgerReader.Open(_folder.Path));

    public Task TamperAsync(string sql, params (string Name, object Value)[] parameters)
    {
        _folder.Tamper(Tables(sql), parameters);
        return Task.CompletedTask;
    }

    public Task<T> QueryAsync<T>(string sql) => Task.FromResult(_folder.Query<T>(Tables(sql)));

    public Task WipeAsync()
    {
        File.Delete(_folder.Database);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Tables(string sql) =>
        sql.Replace("{entries}", "entries", StringComparison.Ordinal).Replace("{nodes}", "nodes", StringComparison.Ordinal)
            .Replace("{checkpoints}", "checkpoints", StringComparison.Ordinal);
}
