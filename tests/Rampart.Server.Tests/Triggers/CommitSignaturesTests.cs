using Rampart.Core.Service;
using Rampart.Server.Triggers;

namespace Rampart.Server.Tests.Triggers;

public sealed class CommitSignaturesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SshSignedCommit_ByAnAllowedSigner_IsVerified()
    {
        using var repo = new SigningRepository();
        var (alice, aliceLine) = repo.NewSshKey("alice@example.org");
        var commit = repo.CommitSsh("signed", alice);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Ssh(aliceLine), Token);

        Assert.True(verdict.Verified, verdict.Reason);
        Assert.StartsWith("alice@example.org SHA256:", verdict.Signer, StringComparison.Ordinal);
        Assert.Contains("signed by allowed signer alice@example.org", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedCommit_IsRefused()
    {
        using var repo = new SigningRepository();
        var (_, aliceLine) = repo.NewSshKey("alice@example.org");
        var commit = repo.CommitUnsigned("not signed");

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Ssh(aliceLine), Token);

        Assert.False(verdict.Verified);
        Assert.Equal($"commit {commit[..12]} is not signed", verdict.Reason);
    }

    [Fact]
    public async Task SshSignedCommit_ByAStranger_IsRefused()
    {
        using var repo = new SigningRepository();
        var (_, aliceLine) = repo.NewSshKey("alice@example.org");
        var (eve, _) = repo.NewSshKey("eve@example.org");
        var commit = repo.CommitSsh("signed by eve", eve);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Ssh(aliceLine), Token);

        Assert.False(verdict.Verified);
        Assert.Contains("not an allowed signer (SHA256:", verdict.Reason, StringComparison.Ordinal);
        Assert.Null(verdict.Signer);
    }

    [Fact]
    public async Task SignedCommit_AmendedWithoutSigning_IsRefused()
    {
        using var repo = new SigningRepository();
        var (alice, aliceLine) = repo.NewSshKey("alice@example.org");
        var signed = repo.CommitSsh("signed", alice);
        var amended = repo.AmendUnsigned();

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, amended, AllowedSigners.Ssh(aliceLine), Token);

        Assert.NotEqual(signed, amended);
        Assert.False(verdict.Verified);
        Assert.Contains("is not signed", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitWhoseContentChangedUnderAGoodSignature_IsRefused()
    {
        // Keep Alice's signature header but change the message: the signature no longer covers the commit.
        using var repo = new SigningRepository();
        var (alice, aliceLine) = repo.NewSshKey("alice@example.org");
        var signed = repo.CommitSsh("pay 10 to bob", alice);
        var raw = repo.Git("cat-file", "commit", signed).Replace("pay 10 to bob", "pay 10000 to eve", StringComparison.Ordinal);
        var rawFile = Path.Combine(repo.Root, "forged-commit");
        File.WriteAllText(rawFile, raw + "\n");
        var forged = repo.Git("hash-object", "-t", "commit", "-w", rawFile);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, forged, AllowedSigners.Ssh(aliceLine), Token);

        Assert.NotEqual(signed, forged);
        Assert.False(verdict.Verified, verdict.Reason);
    }

    [Fact]
    public async Task SshSignedCommit_WhenOnlyOpenPgpSignersAreAllowed_IsRefused()
    {
        using var repo = new SigningRepository();
        var (alice, _) = repo.NewSshKey("alice@example.org");
        var commit = repo.CommitSsh("signed", alice);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Gpg("-----BEGIN PGP PUBLIC KEY BLOCK-----"), Token);

        Assert.False(verdict.Verified);
        Assert.Contains("no SSH signer is allowed", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GpgSignedCommit_ByAnAllowedKey_IsVerified()
    {
        using var repo = new SigningRepository();
        var (home, armored) = repo.NewGpgKey("alice@example.org");
        var commit = repo.CommitGpg("signed with gpg", home, "alice@example.org");

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Gpg(armored), Token);

        Assert.True(verdict.Verified, verdict.Reason);
        Assert.Matches("^[0-9A-F]{40}$", verdict.Signer);
    }

    [Fact]
    public async Task GpgSignedCommit_ByAKeyThatIsNotAllowed_IsRefused()
    {
        using var repo = new SigningRepository();
        var (_, aliceKey) = repo.NewGpgKey("alice@example.org");
        var (eveHome, _) = repo.NewGpgKey("eve@example.org");
        var commit = repo.CommitGpg("signed by eve", eveHome, "eve@example.org");

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Gpg(aliceKey), Token);

        Assert.False(verdict.Verified);
        Assert.Contains("not an allowed signer", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignersLoadedFromAnOperatorFolder_VerifyBothKinds()
    {
        using var repo = new SigningRepository();
        var (alice, aliceLine) = repo.NewSshKey("alice@example.org");
        var (bobHome, bobKey) = repo.NewGpgKey("bob@example.org");
        var folder = Path.Combine(repo.Root, "signers");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, AllowedSigners.SshFileName), $"# release managers\n{aliceLine}\n");
        File.WriteAllText(Path.Combine(folder, "bob.asc"), bobKey);
        var bySsh = repo.CommitSsh("by alice", alice);
        var byGpg = repo.CommitGpg("by bob", bobHome, "bob@example.org");
        var signers = AllowedSigners.Load(folder);

        Assert.True((await CommitSignatures.VerifyAsync(repo.Path, bySsh, signers, Token)).Verified);
        Assert.True((await CommitSignatures.VerifyAsync(repo.Path, byGpg, signers, Token)).Verified);
        Assert.True(AllowedSigners.Load(Path.Combine(repo.Root, "missing")).IsEmpty);
    }

    [Fact]
    public async Task RepositoryConfiguration_CannotSwapTheVerifierOrTheSigners()
    {
        using var repo = new SigningRepository();
        var (_, aliceLine) = repo.NewSshKey("alice@example.org");
        var (eve, eveLine) = repo.NewSshKey("eve@example.org");
        var commit = repo.CommitSsh("signed by eve", eve);
        var fake = Path.Combine(repo.Root, "always-good");
        // Answers both of git's questions to ssh-keygen as if Alice had signed.
        File.WriteAllText(fake, """
            #!/bin/sh
            cat >/dev/null
            case "$*" in
              *find-principals*) echo alice@example.org ;;
              *) echo 'Good "git" signature for alice@example.org with ED25519 key SHA256:fake' ;;
            esac
            exit 0

            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var eveSigners = Path.Combine(repo.Root, "eve_signers");
        File.WriteAllText(eveSigners, eveLine + "\n");
        repo.Git("config", "gpg.ssh.program", fake);
        repo.Git("config", "gpg.ssh.allowedSignersFile", eveSigners);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Ssh(aliceLine), Token);

        Assert.False(verdict.Verified, verdict.Reason);
    }

    [Fact]
    public async Task RepositoryConfiguration_CannotSwapGpg()
    {
        using var repo = new SigningRepository();
        var (_, aliceKey) = repo.NewGpgKey("alice@example.org");
        var (eveHome, _) = repo.NewGpgKey("eve@example.org");
        var commit = repo.CommitGpg("signed by eve", eveHome, "eve@example.org");
        var fake = Path.Combine(repo.Root, "always-good-gpg");
        // Speaks gpg's status protocol on the descriptor git reads, claiming a good, fully trusted signature.
        File.WriteAllText(fake, """
            #!/bin/sh
            cat >/dev/null
            echo '[GNUPG:] NEWSIG'
            echo '[GNUPG:] GOODSIG 0123456789ABCDEF Alice <alice@example.org>'
            echo '[GNUPG:] VALIDSIG 0123456789ABCDEF0123456789ABCDEF01234567 2026-01-01 0 0 4 0 22 8 00 0123456789ABCDEF0123456789ABCDEF01234567'
            echo '[GNUPG:] TRUST_ULTIMATE 0 pgp'
            exit 0

            """);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        repo.Git("config", "gpg.program", fake);
        repo.Git("config", "gpg.openpgp.program", fake);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Gpg(aliceKey), Token);

        Assert.False(verdict.Verified, verdict.Reason);
    }

    [Fact]
    public async Task FolderThatIsNotARepository_IsRefused()
    {
        using var repo = new SigningRepository();
        var (_, aliceLine) = repo.NewSshKey("alice@example.org");

        var verdict = await CommitSignatures.VerifyAsync(repo.Root, "4b825dc642cb6eb9a060e54bf8d69288fbee4904", AllowedSigners.Ssh(aliceLine), Token);

        Assert.False(verdict.Verified);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("HEAD")]
    [InlineData("")]
    [InlineData("ffffffffffffffffffffffffffffffffffffffff")]
    public async Task SomethingThatIsNotACommitOfTheRepository_IsRefused(string commit)
    {
        using var repo = new SigningRepository();
        var (alice, aliceLine) = repo.NewSshKey("alice@example.org");
        repo.CommitSsh("signed", alice);

        var verdict = await CommitSignatures.VerifyAsync(repo.Path, commit, AllowedSigners.Ssh(aliceLine), Token);

        Assert.False(verdict.Verified);
    }

    [Theory]
    [InlineData("refs/heads/main", true)]
    [InlineData("refs/heads/release/1.2", true)]
    [InlineData("refs/heads/release/1.2/hotfix", false)]
    [InlineData("refs/heads/feature", false)]
    [InlineData("refs/tags/main", false)]
    [InlineData("refs/pull/7/head", false)]
    public void IsRequired_ForBranchesMatchingTheProtectedGlobs(string gitRef, bool required)
    {
        var repository = new RepositoryRecord { Name = "acme/app", CloneUrl = "/srv/git/app", ProtectedBranches = ["main", "release/*"] };

        Assert.Equal(required, CommitSignatures.IsRequired(repository, gitRef));
    }
}
