namespace Rampart.Security.Identity;

/// <summary>The issuer is not set up, or its files are damaged: a message the operator can act on.</summary>
public sealed class IdentityException : Exception
{
    public IdentityException()
    {
    }

    public IdentityException(string message)
        : base(message)
    {
    }

    public IdentityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
