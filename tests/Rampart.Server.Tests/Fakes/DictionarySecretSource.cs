using Rampart.Core.Secrets;

namespace Rampart.Server.Tests.Fakes;

/// <summary>Secrets by (name, repository); the vault's scoping rules are tested with the vault.</summary>
public sealed class DictionarySecretSource : ISecretSource
{
    private readonly Dictionary<(string, string), string> _values = [];

    public void Set(string name, string repository, string value) => _values[(name, repository)] = value;

    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(_values.GetValueOrDefault((name, scope.Repository)));
}
