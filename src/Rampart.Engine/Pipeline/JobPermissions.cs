namespace Rampart.Engine.Pipeline;

/// <summary>What a job may receive beyond its checkout. Nothing unless the file asks for it.</summary>
public sealed record JobPermissions(bool IdToken, IReadOnlyList<string> Secrets)
{
    public static JobPermissions None { get; } = new(false, []);

    /// <summary>Environment variables (default) or files under <c>/run/secrets</c>.</summary>
    public SecretDelivery SecretsAs { get; init; } = SecretDelivery.Environment;
}
