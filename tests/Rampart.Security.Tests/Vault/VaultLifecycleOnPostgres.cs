using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The lifecycle contract on a real PostgreSQL (<c>RAMPART_TEST_POSTGRES</c>).</summary>
public sealed class VaultLifecycleOnPostgres(PostgresLedgerDatabase database) : VaultLifecycleContract, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<IVaultBackend> CreateAsync() => await PostgresVaultBackend.CreateAsync(database);
}
