using Rampart.Security.Tests.Ledger.Backends;
using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The vault contract on a real PostgreSQL (<c>RAMPART_TEST_POSTGRES</c>).</summary>
public sealed class SecretVaultOnPostgres(PostgresLedgerDatabase database) : SecretVaultContract, IClassFixture<PostgresLedgerDatabase>
{
    protected override async Task<IVaultBackend> CreateAsync() => await PostgresVaultBackend.CreateAsync(database);
}
