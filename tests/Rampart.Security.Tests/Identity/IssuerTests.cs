using System.Text.Json;
using Rampart.Security.Identity;

namespace Rampart.Security.Tests.Identity;

public sealed class IssuerTests
{
    [Theory]
    [InlineData(null, "push", "repo:acme/app:ref:refs/heads/main")]
    [InlineData(null, "pull_request", "repo:acme/app:pull_request")]
    [InlineData("production", "push", "repo:acme/app:environment:production")]
    public void Subject_FollowsTheCloudFederationPatterns(string? environment, string eventName, string expected)
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);

        Assert.Equal(expected, issuer.Issuer.Issue(IssuerFixture.Request(environment: environment, eventName: eventName)).Subject);
    }

    [Fact]
    public void UntrustedRequest_IsRefused()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);

        Assert.Throws<InvalidOperationException>(() => issuer.Issuer.Issue(IssuerFixture.Request() with { Trusted = false }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a,b")]
    [InlineData("caf\u00e9")]
    public void BadAudience_IsRefused(string audience)
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);

        Assert.Throws<ArgumentException>(() => issuer.Issuer.Issue(IssuerFixture.Request(audience)));
    }

    [Fact]
    public async Task Discovery_NamesIssuerJwksAndAlgorithm()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.RS256);

        using var json = JsonDocument.Parse(await IssuerFixture.GetAsync(issuer.Settings.DiscoveryUri));

        Assert.Equal(issuer.Settings.Issuer, json.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(issuer.Settings.JwksUri, json.RootElement.GetProperty("jwks_uri").GetString());
        Assert.Equal("RS256", json.RootElement.GetProperty("id_token_signing_alg_values_supported")[0].GetString());
        Assert.Contains(json.RootElement.GetProperty("claims_supported").EnumerateArray(), c => c.GetString() == "trusted");
    }

    [Fact]
    public void Server_AnswersOnlyGetOnItsTwoDocuments()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.ES256);
        using var server = new OidcHttpServer(issuer.Settings, issuer.Keys, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1));

        Assert.Equal(404, server.Route("GET", "/").Status);
        Assert.Equal(404, server.Route("GET", "/.well-known/../signing-keys.json").Status);
        Assert.Equal(405, server.Route("POST", "/.well-known/jwks").Status);
        Assert.Equal(200, server.Route("HEAD", "/.well-known/openid-configuration").Status);
    }

    [Fact]
    public void KeyFile_IsPrivate_AndJwksHoldsNoPrivatePart()
    {
        using var issuer = new IssuerFixture(SigningAlgorithm.RS256);
        var key = issuer.Keys.Active(issuer.Settings);

        var jwks = System.Text.Encoding.UTF8.GetString(OidcDocuments.Jwks([key]));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(issuer.Keys.KeysPath));
        foreach (var privateMember in new[] { "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"" })
            Assert.DoesNotContain(privateMember, jwks, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://ci.example", "https")]
    [InlineData("https://ci.example/", "trailing slash")]
    [InlineData("https://ci.example?x=1", "query")]
    [InlineData("ci.example", "absolute")]
    public void Settings_RefuseIssuersCloudsWouldNotTrust(string url, string expected)
    {
        var problem = new IssuerSettings(url, SigningAlgorithm.RS256, IssuerSettings.DefaultLifetime).Problem();

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
