namespace Rampart.Policy.Gate;

/// <summary>A policy folder could not be read (missing, symlink, too large, bad data file).</summary>
public sealed class PolicyLoadException : Exception
{
    public PolicyLoadException(string message)
        : base(message)
    {
    }

    public PolicyLoadException()
    {
    }

    public PolicyLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
