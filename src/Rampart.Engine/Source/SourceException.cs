namespace Rampart.Engine.Source;

/// <summary>The repository, ref or pipeline file cannot be used; the message is one line for the user.</summary>
public sealed class SourceException : Exception
{
    public SourceException(string message)
        : base(message)
    {
    }

    public SourceException()
    {
    }

    public SourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
