namespace Rampart.Server.Tests.Triggers;

/// <summary>
/// A scratch git repository with SSH keys made by ssh-keygen and OpenPGP keys made by gpg, where
/// commits are signed by git itself (<c>git commit -S</c>), as a developer's machine would.
/// </summary>
internal sealed class SigningRepository : IDisposable
{
    private readonly List<string> _gpgHomes = [];

    public SigningRepository()
    {
        Root = Directory.CreateTempSubdirectory("rampart-signing-").FullName;
        Path = System.IO.Path.Combine(Root, "repo");
        Tool.Run("git", null, null, "init", "--quiet", "--initial-branch=main", Path);
        Git("config", "user.name", "Alice");
        Git("config", "user.email", "alice@example.org");
    }

    public string Root { get; }

    public string Path { get; }

    /// <summary>Makes an ed25519 key; returns its private key file and its allowed-signers line.</summary>
    public (string PrivateKey, string AllowedSignerLine) NewSshKey(string principal)
    {
        var file = System.IO.Path.Combine(Root, principal.Replace('@', '_'));
        Tool.Run("ssh-keygen", null, null, "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", file);
        var publicKey = File.ReadAllText(file + ".pub").Trim();
        return (file, $"{principal} {publicKey}");
    }

    /// <summary>Makes an OpenPGP signing key in its own keyring; returns the keyring and the armored public key.</summary>
    public (string Home, string ArmoredPublicKey) NewGpgKey(string email)
    {
        var home = Directory.CreateTempSubdirectory("rampart-gpg-").FullName;
        _gpgHomes.Add(home);
        var environment = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        Tool.Run("gpg", null, environment, "--batch", "--quiet", "--passphrase", "", "--quick-gen-key", $"Signer <{email}>", "ed25519", "sign", "never");
        return (home, Tool.Run("gpg", null, environment, "--batch", "--armor", "--export", email));
    }

    public string CommitUnsigned(string message) => Commit(message, [], null);

    public string CommitSsh(string message, string privateKey) =>
        Commit(message, ["-c", "gpg.format=ssh", "-c", "user.signingkey=" + privateKey], null, "-S");

    public string CommitGpg(string message, string gpgHome, string email) =>
        Commit(message, ["-c", "gpg.format=openpgp", "-c", "user.signingkey=" + email], gpgHome, "-S");

    /// <summary>Re-records the last commit without a signature, as <c>git commit --amend</c> does when signing is off.</summary>
    public string AmendUnsigned()
    {
        Git("commit", "--quiet", "--amend", "--no-gpg-sign", "--no-edit");
        return Git("rev-parse", "HEAD");
    }

    public string Git(params string[] args) => Tool.Run("git", Path, null, args);

    public void Dispose()
    {
        foreach (var home in _gpgHomes)
        {
            Tool.Run("gpgconf", null, new Dictionary<string, string> { ["GNUPGHOME"] = home }, "--kill", "all");
            Directory.Delete(home, recursive: true);
        }

        Directory.Delete(Root, recursive: true);
    }

    private string Commit(string message, string[] config, string? gpgHome, params string[] flags)
    {
        File.AppendAllText(System.IO.Path.Combine(Path, "file.txt"), message + "\n");
        Git("add", "file.txt");
        var environment = gpgHome is null ? null : new Dictionary<string, string> { ["GNUPGHOME"] = gpgHome };
        Tool.Run("git", Path, environment, [.. config, "commit", "--quiet", "-m", message, .. flags]);
        return Git("rev-parse", "HEAD");
    }
}
