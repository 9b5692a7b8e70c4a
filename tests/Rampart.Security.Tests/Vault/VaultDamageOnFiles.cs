using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The damage contract on the state folder's entry files.</summary>
public sealed class VaultDamageOnFiles : VaultDamageContract
{
    protected override Task<IVaultBackend> CreateAsync() => Task.FromResult<IVaultBackend>(new FileVaultBackend());
}
