namespace Rampart.Security.Sbom.Readers;

/// <summary>A file to read: its full path (readers may look at neighbours such as Directory.Packages.props) and its display path.</summary>
public sealed record LockfileInput(string FullPath, string DisplayPath)
{
    /// <summary>Files larger than this are refused rather than read into memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public string ReadText()
    {
        var info = new FileInfo(FullPath);
        if (info.Length > MaxBytes)
            throw new LockfileException(DisplayPath, $"larger than {MaxBytes / (1024 * 1024)} MB");
        return File.ReadAllText(FullPath);
    }
}
