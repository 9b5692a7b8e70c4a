namespace Rampart.Security.Signing.Keys;

/// <summary>A key that cannot be read, unlocked or used; the message says why in one line.</summary>
public sealed class SigningKeyException : Exception
{
    public SigningKeyException()
    {
    }

    public SigningKeyException(string message)
        : base(message)
    {
    }

    public SigningKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
