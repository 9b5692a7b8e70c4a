using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

public sealed class LedgerAppendOnSqlite : LedgerAppendContract
{
    protected override Task<ILedgerBackend> CreateAsync() => Task.FromResult<ILedgerBackend>(new SqliteLedgerBackend());
}
