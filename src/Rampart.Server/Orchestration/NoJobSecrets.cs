using Rampart.Core.Secrets;

namespace Rampart.Server.Orchestration;

/// <summary>The server's own stages need no secrets; jobs get theirs when a runner takes them.</summary>
internal sealed class NoJobSecrets : ISecretSource
{
    public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
