using Rampart.Security.Vault;
using Rampart.Store.Postgres;
using Rampart.Store.Postgres.Vault;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Picks where the vault's sealed secrets live from the server's database setting: with
/// <c>postgres:CONNECTION-STRING</c> in that PostgreSQL (so replicas on several hosts hand out the same
/// secrets), otherwise in the state folder's <c>vault/</c>. The master key never comes from the
/// database: <c>RAMPART_MASTER_KEY</c>, <c>RAMPART_MASTER_KEY_FILE</c> or the default key file.
/// </summary>
internal static class VaultStorages
{
    private const string Postgres = "postgres:";

    /// <summary>The vault a server or a command uses; <paramref name="database"/> as <see cref="LedgerStorages.Parse"/> accepts it.</summary>
    public static async Task<SecretVault> OpenAsync(string state, string? database, bool create, CancellationToken cancellationToken)
    {
        if (LedgerStorages.Parse(database, "database") is not { } postgres)
            return SecurityServices.Vault(state);
        try
        {
            var storage = await PostgresVaultStorage.OpenAsync(postgres[Postgres.Length..], create, cancellationToken).ConfigureAwait(false);
            return new SecretVault(storage, MasterKeySource.FromEnvironment());
        }
        catch (PostgresUnavailableException e)
        {
            throw new UsageException("database: " + e.Message);
        }
    }
}
