using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The damage contract on a real PostgreSQL (<c>RAMPART_TEST_POSTGRES</c>), edited with real SQL.</summary>
public sealed class VaultDamageOnPostgres(PostgresLedgerDatabase database) : VaultDamageContract, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<IVaultBackend> CreateAsync() => await PostgresVaultBackend.CreateAsync(database);
}
