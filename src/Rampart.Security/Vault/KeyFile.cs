namespace Rampart.Security.Vault;

/// <summary>Reads and writes key files that only their owner may read.</summary>
internal static class KeyFile
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static MasterKey? TryRead(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            throw new VaultException($"{path}: the master key file is a symbolic link; point {MasterKeySource.FileVariable} at the real file");
        if (!info.Exists)
            return null;
        if ((info.UnixFileMode & GroupOrOther) != 0)
            throw new VaultException($"{path}: the master key file is readable by others (mode {Convert.ToString((int)info.UnixFileMode, 8)}); run: chmod 600 {path}");
        return MasterKey.Parse(File.ReadAllText(path), path);
    }

    /// <summary>Creates the file (0600, its folder 0700) with a new key; fails if it already exists.</summary>
    public static void Create(string path, string keyText)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.WriteLine(keyText);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
