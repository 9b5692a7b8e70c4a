namespace Rampart.Engine.Pipeline;

/// <summary>How a job receives its secrets (<c>permissions.secrets-as</c>).</summary>
public enum SecretDelivery
{
    /// <summary>Environment variables named after the secrets (the default).</summary>
    Environment = 0,

    /// <summary>Files <c>/run/secrets/NAME</c> on a private in-memory file system; no variable holds a value.</summary>
    Files = 1,
}
