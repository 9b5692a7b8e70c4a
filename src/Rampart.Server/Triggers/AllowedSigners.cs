namespace Rampart.Server.Triggers;

/// <summary>
/// Who may sign commits of protected branches: lines of an SSH <c>allowed_signers</c> file
/// (<c>PRINCIPAL KEY-TYPE BASE64-KEY</c>, as <c>ssh-keygen -Y</c> reads them) and ASCII-armored
/// OpenPGP public keys.
/// </summary>
public sealed record AllowedSigners(IReadOnlyList<string> SshAllowedSigners, IReadOnlyList<string> GpgPublicKeys)
{
    public const string SshFileName = "allowed_signers";

    public static AllowedSigners None { get; } = new([], []);

    public bool IsEmpty => SshAllowedSigners.Count == 0 && GpgPublicKeys.Count == 0;

    public static AllowedSigners Ssh(params string[] allowedSignerLines) => new(allowedSignerLines, []);

    public static AllowedSigners Gpg(params string[] armoredPublicKeys) => new([], armoredPublicKeys);

    /// <summary>
    /// Reads a folder kept by the server's operator (never a folder of the repository being built,
    /// whose authors would then choose their own signers): <c>allowed_signers</c> for SSH keys and one
    /// <c>*.asc</c> file per OpenPGP public key. A missing folder allows no one.
    /// </summary>
    public static AllowedSigners Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
            return None;
        var sshFile = Path.Combine(folder, SshFileName);
        var ssh = File.Exists(sshFile)
            ? File.ReadAllLines(sshFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];
        var gpg = Directory.GetFiles(folder, "*.asc").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        return new AllowedSigners(ssh, gpg);
    }
}
