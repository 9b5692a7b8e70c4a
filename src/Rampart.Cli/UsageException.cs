namespace Rampart.Cli;

/// <summary>A mistake of the user's: printed as one line and exit code 2, never with a stack trace.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
