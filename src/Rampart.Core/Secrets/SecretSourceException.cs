namespace Rampart.Core.Secrets;

/// <summary>
/// A secret source could not answer (a corrupt store entry, a missing master key, an ambiguous
/// scope). The engine fails the job that asked, with this message; no value is ever in it.
/// </summary>
public sealed class SecretSourceException : Exception
{
    public SecretSourceException()
    {
    }

    public SecretSourceException(string message)
        : base(message)
    {
    }

    public SecretSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
