using Rampart.Server.Access;

namespace Rampart.Server.Tests.Access;

public sealed class CredentialTests
{
    [Fact]
    public void Token_IsPrefixedBase64UrlOf32Bytes_AndStoredAsSha256Hex()
    {
        var issued = ApiTokens.Create();

        Assert.Matches("^rmp_[A-Za-z0-9_-]{43}$", issued.Token);
        Assert.Matches("^[0-9a-f]{64}$", issued.Hash);
        Assert.Equal(ApiTokens.HashOf(issued.Token), issued.Hash);
        Assert.Equal(issued.Token[..8], issued.Prefix);
        Assert.NotEqual(issued.Token, ApiTokens.Create().Token);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rmp_")]
    [InlineData("rmp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rmp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rmp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void IsWellFormed_RefusesAnythingButTheExactShape(string text) => Assert.False(ApiTokens.IsWellFormed(text));

    [Fact]
    public void HashesEqual_ComparesWholeValues()
    {
        var hash = ApiTokens.HashOf("a");

        Assert.True(ApiTokens.HashesEqual(hash, ApiTokens.HashOf("a")));
        Assert.False(ApiTokens.HashesEqual(hash, hash[..^1] + "0"));
        Assert.False(ApiTokens.HashesEqual(hash, hash[..^1]));
    }

    [Fact]
    public void Password_VerifiesOnlyTheRightOne_AndDescribesItsParameters()
    {
        var stored = PasswordHasher.Hash("correct horse battery staple");

        Assert.StartsWith("$pbkdf2-sha256$i=600000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", stored));
        Assert.False(PasswordHasher.Verify("correct horse battery stapl", stored));
        Assert.NotEqual(stored, PasswordHasher.Hash("correct horse battery staple"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$pbkdf2-sha1$i=600000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$pbkdf2-sha256$i=600000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$pbkdf2-sha256$i=600000$!!!$AAAA")]
    public void Password_MalformedOrWeakStoredForm_NeverVerifies(string stored) => Assert.False(PasswordHasher.Verify("", stored));

    [Fact]
    public void Password_TamperedHash_DoesNotVerify()
    {
        var stored = PasswordHasher.Hash("pw");
        var tampered = stored[..^2] + (stored[^2] == 'A' ? "B" : "A") + stored[^1];

        Assert.False(PasswordHasher.Verify("pw", tampered));
    }
}
