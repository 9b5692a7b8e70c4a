using System.Text.RegularExpressions;
using Rampart.Core.Service;
using Rampart.Core.Text;

namespace Rampart.Server.Triggers;

/// <summary>
/// The signed-commit requirement of protected branches, with <c>git verify-commit</c> semantics: git
/// itself checks the signature (SSH through <c>ssh-keygen -Y</c> and an allowed-signers file, OpenPGP
/// through gpg and a keyring holding only the allowed keys); Rampart only decides from git's exit code
/// and its raw report, and requires both to say "good signature by an allowed signer".
/// </summary>
public static partial class CommitSignatures
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>True when <paramref name="gitRef"/> is a branch matching one of the repository's protected-branch globs.</summary>
    public static bool IsRequired(RepositoryRecord repository, string gitRef)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(gitRef);
        const string heads = "refs/heads/";
        if (!gitRef.StartsWith(heads, StringComparison.Ordinal))
            return false;
        var branch = gitRef[heads.Length..];
        return repository.ProtectedBranches.Any(glob => PathGlob.IsMatch(glob, branch));
    }

    /// <summary>
    /// Verifies the signature of <paramref name="commit"/> in the git repository at
    /// <paramref name="repositoryPath"/> (a clone or bare repository holding the commit).
    /// </summary>
    /// <remarks>Fails closed: when git or gpg cannot run or time out, the commit is refused with that reason.</remarks>
    public static async Task<SignatureVerdict> VerifyAsync(string repositoryPath, string commit, AllowedSigners signers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repositoryPath);
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(signers);
        try
        {
            return await VerifyCoreAsync(repositoryPath, commit, signers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            return SignatureVerdict.Refused($"the signature of {Shorten(commit)} could not be checked: {e.Message}");
        }
    }

    private static async Task<SignatureVerdict> VerifyCoreAsync(string repositoryPath, string commit, AllowedSigners signers, CancellationToken cancellationToken)
    {
        if (commit.Length is < 4 or > 64 || !commit.All(char.IsAsciiHexDigit))
            return SignatureVerdict.Refused($"'{Shorten(commit)}' is not a commit id");
        var (found, resolved, _) = await Git(repositoryPath, ["rev-parse", "--verify", "--quiet", "--end-of-options", commit + "^{commit}"], null, cancellationToken).ConfigureAwait(false);
        if (found != 0)
            return SignatureVerdict.Refused($"commit {Shorten(commit)} is not in the repository");
        var full = resolved.Trim();
        var (_, raw, _) = await Git(repositoryPath, ["cat-file", "commit", full], null, cancellationToken).ConfigureAwait(false);

        return SignatureKind(raw) switch
        {
            "ssh" => await VerifySshAsync(repositoryPath, full, signers.SshAllowedSigners, cancellationToken).ConfigureAwait(false),
            "pgp" => await VerifyGpgAsync(repositoryPath, full, signers.GpgPublicKeys, cancellationToken).ConfigureAwait(false),
            null => SignatureVerdict.Refused($"commit {Shorten(full)} is not signed"),
            var other => SignatureVerdict.Refused($"commit {Shorten(full)} carries a {other} signature; only SSH and OpenPGP signatures are accepted"),
        };
    }

    /// <summary>The kind of the commit's signature header (<c>gpgsig</c> or <c>gpgsig-sha256</c>), or null when it has none.</summary>
    private static string? SignatureKind(string rawCommit)
    {
        foreach (var line in rawCommit.Split('\n'))
        {
            if (line.Length == 0)
                return null; // end of the headers: the message follows
            if (line.StartsWith("gpgsig ", StringComparison.Ordinal) || line.StartsWith("gpgsig-sha256 ", StringComparison.Ordinal))
            {
                var armor = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
                return armor switch
                {
                    "-----BEGIN SSH SIGNATURE-----" => "ssh",
                    "-----BEGIN PGP SIGNATURE-----" => "pgp",
                    "-----BEGIN SIGNED MESSAGE-----" => "X.509",
                    _ => "unknown",
                };
            }
        }

        return null;
    }

    private static async Task<SignatureVerdict> VerifySshAsync(string repositoryPath, string commit, IReadOnlyList<string> allowed, CancellationToken cancellationToken)
    {
        if (allowed.Count == 0)
            return SignatureVerdict.Refused($"commit {Shorten(commit)} is signed with SSH, but no SSH signer is allowed");
        var folder = PrivateFolder();
        try
        {
            var file = Path.Combine(folder, "allowed_signers");
            await File.WriteAllLinesAsync(file, allowed.SelectMany(l => l.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0), cancellationToken).ConfigureAwait(false);
            var (code, _, report) = await Git(repositoryPath, ["-c", "gpg.ssh.allowedSignersFile=" + file, "-c", "gpg.ssh.program=ssh-keygen", "verify-commit", "--raw", commit], null, cancellationToken).ConfigureAwait(false);
            var good = SshGood().Match(report);
            if (code == 0 && good.Success)
                return SignatureVerdict.Good($"{good.Groups[1].Value} {good.Groups[2].Value}", $"commit {Shorten(commit)} is signed by allowed signer {good.Groups[1].Value} ({good.Groups[2].Value})");
            if (report.Contains("No principal matched", StringComparison.Ordinal))
                return SignatureVerdict.Refused($"commit {Shorten(commit)} is signed by a key that is not an allowed signer ({SshKey().Match(report).Value})");
            return SignatureVerdict.Refused($"commit {Shorten(commit)} has no valid SSH signature: {FirstLine(report, code)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SignatureVerdict> VerifyGpgAsync(string repositoryPath, string commit, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return SignatureVerdict.Refused($"commit {Shorten(commit)} is signed with OpenPGP, but no OpenPGP signer is allowed");
        var home = PrivateFolder();
        var environment = new Dictionary<string, string> { ["GNUPGHOME"] = home };
        try
        {
            // A keyring that holds the allowed keys and nothing else: any good signature is by one of them.
            var (imported, _, importError) = await ToolProcess.RunAsync("gpg", ["--batch", "--quiet", "--no-autostart", "--import"], null, environment,
                string.Join('\n', keys), Timeout, cancellationToken).ConfigureAwait(false);
            if (imported != 0)
                return SignatureVerdict.Refused($"the allowed OpenPGP keys could not be read: {FirstLine(importError, imported)}");
            var (code, _, report) = await Git(repositoryPath, ["-c", "gpg.program=gpg", "verify-commit", "--raw", commit], environment, cancellationToken).ConfigureAwait(false);
            var status = report.Split('\n').Where(l => l.StartsWith("[GNUPG:] ", StringComparison.Ordinal)).Select(l => l[9..].Split(' ')).ToList();
            var bad = status.FirstOrDefault(s => s[0] is "BADSIG" or "ERRSIG" or "EXPSIG" or "EXPKEYSIG" or "REVKEYSIG" or "NO_PUBKEY");
            var valid = status.FirstOrDefault(s => s[0] == "VALIDSIG");
            if (code == 0 && bad is null && valid is not null && status.Any(s => s[0] == "GOODSIG"))
            {
                var fingerprint = valid[^1];
                return SignatureVerdict.Good(fingerprint, $"commit {Shorten(commit)} is signed by allowed OpenPGP key {fingerprint}");
            }

            return bad?[0] switch
            {
                "ERRSIG" or "NO_PUBKEY" => SignatureVerdict.Refused($"commit {Shorten(commit)} is signed by an OpenPGP key that is not an allowed signer ({bad.ElementAtOrDefault(1)})"),
                "EXPKEYSIG" or "EXPSIG" => SignatureVerdict.Refused($"commit {Shorten(commit)} is signed by an expired OpenPGP key or signature ({bad.ElementAtOrDefault(1)})"),
                "REVKEYSIG" => SignatureVerdict.Refused($"commit {Shorten(commit)} is signed by a revoked OpenPGP key ({bad.ElementAtOrDefault(1)})"),
                _ => SignatureVerdict.Refused($"commit {Shorten(commit)} has no valid OpenPGP signature: {FirstLine(report, code)}"),
            };
        }
        finally
        {
            // gpg may have started an agent for this keyring; stop it before the folder goes.
            try
            {
                await ToolProcess.RunAsync("gpgconf", ["--kill", "all"], null, environment, null, Timeout, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // No gpgconf means no agent was started through it either; the folder still goes.
            }

            Directory.Delete(home, recursive: true);
        }
    }

    private static Task<(int ExitCode, string Output, string Error)> Git(string repositoryPath, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        ToolProcess.RunAsync("git", args, repositoryPath, environment, null, Timeout, cancellationToken);

    private static string PrivateFolder() =>
        Directory.CreateTempSubdirectory("rampart-verify-").FullName; // created with mode 0700

    private static string Shorten(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string FirstLine(string text, int code) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => !l.StartsWith("[GNUPG:]", StringComparison.Ordinal))
        ?? $"git exited with code {code}";

    [GeneratedRegex("""^Good "git" signature for (\S+) with \S+ key (SHA256:\S+)$""", RegexOptions.Multiline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SshGood();

    [GeneratedRegex(@"SHA256:[A-Za-z0-9+/=]+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SshKey();
}
