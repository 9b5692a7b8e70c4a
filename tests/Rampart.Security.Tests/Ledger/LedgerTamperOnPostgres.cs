using Rampart.Security.Tests.Ledger.Backends;

namespace Rampart.Security.Tests.Ledger;

/// <summary>The tamper tests on the ledger in a real PostgreSQL (<c>RAMPART_TEST_POSTGRES</c>), with real SQL UPDATE and DELETE.</summary>
public sealed class LedgerTamperOnPostgres(PostgresLedgerDatabase database) : LedgerTamperContract, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<ILedgerBackend> CreateAsync() => await PostgresLedgerBackend.CreateAsync(database);
}
