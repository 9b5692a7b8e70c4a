namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>A rule or configuration that cannot be used; the message is one line naming the file and the rule.</summary>
public sealed class SecretConfigException : Exception
{
    public SecretConfigException()
    {
    }

    public SecretConfigException(string message)
        : base(message)
    {
    }

    public SecretConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
