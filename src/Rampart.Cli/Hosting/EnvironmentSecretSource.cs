using Rampart.Core.Secrets;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Secrets for local trials: only the names passed with <c>--secret NAME</c>, read from the
/// caller's environment. Any other name is unknown, so a pipeline cannot pull arbitrary
/// variables out of the user's shell.
/// </summary>
internal sealed class EnvironmentSecretSource : ISecretSource
{
    private readonly HashSet<string> _allowed;

    public EnvironmentSecretSource(IEnumerable<string> allowed)
    {
        _allowed = new HashSet<string>(allowed, StringComparer.Ordinal);
    }

    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(_allowed.Contains(name) ? Environment.GetEnvironmentVariable(name) : null);
}
