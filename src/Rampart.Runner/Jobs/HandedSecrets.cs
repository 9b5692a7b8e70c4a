using Rampart.Core.Secrets;

namespace Rampart.Runner.Jobs;

/// <summary>The secrets the server handed out with this job, and nothing else.</summary>
internal sealed class HandedSecrets(IReadOnlyDictionary<string, string> values) : ISecretSource
{
    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(values.TryGetValue(name, out var value) ? value : null);
}
