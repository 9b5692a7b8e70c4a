using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The lifecycle contract on the state folder's entry files.</summary>
public sealed class VaultLifecycleOnFiles : VaultLifecycleContract
{
    protected override Task<IVaultBackend> CreateAsync() => Task.FromResult<IVaultBackend>(new FileVaultBackend());
}
