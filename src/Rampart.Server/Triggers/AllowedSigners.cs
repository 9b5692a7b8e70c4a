namespace Rampart.Server.Triggers;

/// <summary>
/// Who may sign commits of protected branches: lines of an SSH <c>allowed_signers</c> file
/// (<c>PRINCIPAL KEY-TYPE BASE64-KEY</c>, as <c>ssh-keygen -Y</c> reads them) and ASCII-armored
/// OpenPGP public keys.
/// </summary>
public sealed record AllowedSigners(IReadOnlyList<string> SshAllowedSigners, IReadOnlyList<string> GpgPublicKeys)
{
    public static AllowedSigners None { get; } = new([], []);

    public static AllowedSigners Ssh(params string[] allowedSignerLines) => new(allowedSignerLines, []);

    public static AllowedSigners Gpg(params string[] armoredPublicKeys) => new([], armoredPublicKeys);
}
