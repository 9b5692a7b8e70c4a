using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

public sealed class LedgerAppendOnPostgres(PostgresLedgerDatabase database) : LedgerAppendContract, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<ILedgerBackend> CreateAsync() => await PostgresLedgerBackend.CreateAsync(database);
}
