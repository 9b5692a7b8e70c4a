namespace Rampart.Security.Vault;

/// <summary>
/// Where the master key comes from, in order: <c>RAMPART_MASTER_KEY</c> (base64), the file named by
/// <c>RAMPART_MASTER_KEY_FILE</c>, else <c>$XDG_CONFIG_HOME/rampart/master.key</c>
/// (<c>~/.config/rampart/master.key</c>): outside every state folder, so a copy of the store alone
/// reveals nothing. A key file must be a regular file readable by its owner only (0600 or 0400).
/// </summary>
public sealed record MasterKeySource(string? InlineKey, string FilePath)
{
    public const string KeyVariable = "RAMPART_MASTER_KEY";
    public const string FileVariable = "RAMPART_MASTER_KEY_FILE";
    public const string NewKeyVariable = "RAMPART_NEW_MASTER_KEY";

    public bool IsInline => InlineKey is not null;

    /// <summary>The rotation target beside the file: present only while a rotation is under way.</summary>
    public string NextFilePath => FilePath + ".next";

    public static string DefaultFilePath
    {
        get
        {
            var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrWhiteSpace(config))
                config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "rampart", "master.key");
        }
    }

    public static MasterKeySource FromEnvironment()
    {
        var inline = Environment.GetEnvironmentVariable(KeyVariable);
        var file = Environment.GetEnvironmentVariable(FileVariable);
        return new MasterKeySource(
            string.IsNullOrWhiteSpace(inline) ? null : inline,
            string.IsNullOrWhiteSpace(file) ? DefaultFilePath : Path.GetFullPath(file));
    }

    public string Describe() => IsInline ? $"${KeyVariable}" : FilePath;
}
