namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>The git history could not be read (not a repository, unknown revision); the message is one line.</summary>
public sealed class HistoryException : Exception
{
    public HistoryException()
    {
    }

    public HistoryException(string message)
        : base(message)
    {
    }

    public HistoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
