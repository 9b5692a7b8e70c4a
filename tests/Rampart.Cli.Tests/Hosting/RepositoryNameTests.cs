using Rampart.Cli.Hosting;

namespace Rampart.Cli.Tests.Hosting;

public sealed class RepositoryNameTests
{
    [Theory]
    [InlineData("https://git.example/acme/app.git", "acme/app")]
    [InlineData("https://git.example/acme/app", "acme/app")]
    [InlineData("git@git.example:acme/app.git", "acme/app")]
    [InlineData("ssh://git@git.example:2222/acme/my.app.git", "acme/my.app")]
    [InlineData("/srv/git/acme/app.git", "acme/app")]
    public void Parse_FindsOwnerAndRepository(string url, string expected) =>
        Assert.Equal(expected, RepositoryName.Parse(url));

    [Theory]
    [InlineData("")]
    [InlineData("app")]
    public void Parse_ReturnsNull_WithoutOwnerAndName(string url) =>
        Assert.Null(RepositoryName.Parse(url));
}
