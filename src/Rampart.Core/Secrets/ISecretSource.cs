namespace Rampart.Core.Secrets;

/// <summary>Where secret values come from (the vault, or the caller's environment for local trials).</summary>
public interface ISecretSource
{
    /// <summary>Returns null when no secret of that name is visible in the scope.</summary>
    Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken);
}
