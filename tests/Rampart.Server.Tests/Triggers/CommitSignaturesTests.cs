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
