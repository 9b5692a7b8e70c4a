namespace Rampart.Security.Sbom.Readers;

/// <summary>A lockfile or manifest that cannot be read as what its name says; the message names the file.</summary>
public sealed class LockfileException : Exception
{
    public LockfileException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        FilePath = path;
    }

    public LockfileException()
    {
        FilePath = "";
    }

    public LockfileException(string message)
        : base(message)
    {
        FilePath = "";
    }

    public LockfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "";
    }

    public string FilePath { get; }
}
