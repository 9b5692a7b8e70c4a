using Rampart.Engine.Identity;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Runs;

/// <summary>What a job's steps receive beyond the checkout: secrets (as variables or files) and a token endpoint.</summary>
internal sealed record JobGrants(
    IReadOnlyDictionary<string, string> EnvironmentSecrets,
    IReadOnlyList<string> SecretNames,
    SecretFiles? Files,
    JobTokenEndpoint? Tokens)
{
    public IReadOnlyList<SandboxMount> Mounts { get; } =
        [.. new[] { Files?.Mount, Tokens?.Mount }.OfType<SandboxMount>()];
}
