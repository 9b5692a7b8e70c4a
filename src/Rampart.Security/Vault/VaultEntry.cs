using Rampart.Core.Secrets.Storage;

namespace Rampart.Security.Vault;

/// <summary>One secret (name + scope) with its versions, newest last: the content of one entry file.</summary>
internal sealed record VaultEntry(int Format, string Name, VaultScope Scope, IReadOnlyList<SealedSecretVersion> Versions)
{
    public const int CurrentFormat = 1;

    public SealedSecretVersion Latest => Versions[^1];
}
