using Rampart.Security.Tests.Vault.Backends;

namespace Rampart.Security.Tests.Vault;

/// <summary>The vault contract on the state folder's entry files.</summary>
public sealed class SecretVaultOnFiles : SecretVaultContract
{
    protected override Task<IVaultBackend> CreateAsync() => Task.FromResult<IVaultBackend>(new FileVaultBackend());
}
