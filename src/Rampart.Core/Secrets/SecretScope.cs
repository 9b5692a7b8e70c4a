namespace Rampart.Core.Secrets;

/// <summary>Which run asks for a secret: secrets can be limited to a repository, environment or branch.</summary>
public sealed record SecretScope(string Repository, string? Environment, string? Branch);
