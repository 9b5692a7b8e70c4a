using Rampart.Server.Triggers;

namespace Rampart.Server.Deployments;

/// <summary>
/// The server's SSH key for signing GitOps commits (<c>gpg.format=ssh</c>):
/// <c>&lt;state&gt;/keys/gitops_ed25519</c>, made with <c>ssh-keygen</c> on first use. Runners never
/// see it. Replicas sharing one PostgreSQL need the same key file in their state folders.
/// </summary>
internal sealed class GitOpsSigningKey(string stateDirectory)
{
    public const string Principal = "rampart-gitops";

    public string PrivateKeyPath => Path.Combine(stateDirectory, "keys", "gitops_ed25519");

    public string PublicKeyPath => PrivateKeyPath + ".pub";

    /// <summary>Creates the key when missing (made under a temporary name, then moved: two replicas starting together keep one key); returns the private key's path.</summary>
    public async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(PrivateKeyPath) && File.Exists(PublicKeyPath))
            return PrivateKeyPath;
        Directory.CreateDirectory(Path.GetDirectoryName(PrivateKeyPath)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = PrivateKeyPath + "." + Guid.NewGuid().ToString("N");
        try
        {
            var (code, _, error) = await ToolProcess.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", Principal, "-f", temporary], null, null, null,
                TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (code != 0)
                throw new GitOpsException("could not create the GitOps signing key: " + error.Trim());
            if (!File.Exists(PrivateKeyPath))
            {
                try
                {
                    File.Move(temporary, PrivateKeyPath);
                    File.Move(temporary + ".pub", PublicKeyPath);
                }
                catch (IOException) when (File.Exists(PrivateKeyPath))
                {
                }
            }
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + ".pub");
        }

        // Another process may have won the move and be writing its public key.
        for (var i = 0; i < 50 && !File.Exists(PublicKeyPath); i++)
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        return PrivateKeyPath;
    }

    /// <summary>The line for a <c>gpg.ssh.allowedSignersFile</c> that lets <c>git verify-commit</c> accept the server's commits.</summary>
    public async Task<(string PublicKey, string AllowedSigners)> DescribeAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken).ConfigureAwait(false);
        var parts = (await File.ReadAllTextAsync(PublicKeyPath, cancellationToken).ConfigureAwait(false)).Trim().Split(' ');
        var key = parts[0] + " " + parts[1];
        return (key, $"{Principal} namespaces=\"git\" {key}");
    }
}
