using Rampart.Core.Secrets;

namespace Rampart.Cli.Hosting;

/// <summary>
/// <c>rampart run</c>'s secrets: names given with <c>--secret NAME</c> come from the caller's
/// environment (local trials, an explicit override), every other name from the vault.
/// </summary>
internal sealed class LocalSecretSource(IReadOnlyCollection<string> overrides, ISecretSource vault) : ISecretSource
{
    private readonly EnvironmentSecretSource _environment = new(overrides);
    private readonly HashSet<string> _overrides = new(overrides, StringComparer.Ordinal);

    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) =>
        _overrides.Contains(name) ? _environment.GetAsync(name, scope, cancellationToken) : vault.GetAsync(name, scope, cancellationToken);
}
