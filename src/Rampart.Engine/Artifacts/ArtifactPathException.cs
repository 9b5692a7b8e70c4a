namespace Rampart.Engine.Artifacts;

/// <summary>
/// A declared artifact that cannot be kept safely or does not exist. The message is one line
/// and names the pattern and, when one is involved, the workspace path.
/// </summary>
public sealed class ArtifactPathException : Exception
{
    public ArtifactPathException()
        : this("", null, "artifact path refused")
    {
    }

    public ArtifactPathException(string message)
        : this("", null, message)
    {
    }

    public ArtifactPathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Pattern = "";
    }

    public ArtifactPathException(string pattern, string? path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Pattern = pattern;
        Path = path;
    }

    /// <summary>The pattern as written in the pipeline file.</summary>
    public string Pattern { get; }

    /// <summary>The workspace-relative path that was refused, when the problem is a path rather than the pattern.</summary>
    public string? Path { get; }

    /// <summary>Makes text safe for a one-line message: control characters become <c>\uXXXX</c>.</summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        return string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
