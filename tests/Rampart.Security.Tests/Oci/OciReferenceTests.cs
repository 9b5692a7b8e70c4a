using Rampart.Security.Oci;

namespace Rampart.Security.Tests.Oci;

public sealed class OciReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/team/app:1.0", "127.0.0.1:5000", "team/app", "1.0")]
    [InlineData("registry.example/app", "registry.example", "app", "latest")]
    [InlineData("localhost/a/b/c:v1-x", "localhost", "a/b/c", "v1-x")]
    public void Parse_SplitsRegistryRepositoryAndTag(string text, string registry, string repository, string tag)
    {
        var reference = OciReference.Parse(text);

        Assert.Equal((registry, repository, tag), (reference.Registry, reference.Repository, reference.Tag));
    }

    [Fact]
    public void Parse_KeepsADigest_AndAsksForIt()
    {
        var hex = new string('a', 64);

        var reference = OciReference.Parse($"127.0.0.1:5000/app@sha256:{hex}");

        Assert.Equal($"sha256:{hex}", reference.Reference);
        Assert.True(reference.IsLoopback);
    }

    [Theory]
    [InlineData("app:1.0")]
    [InlineData("team/app")]
    [InlineData("127.0.0.1:5000/App")]
    [InlineData("127.0.0.1:5000/app/../etc")]
    [InlineData("127.0.0.1:5000/app@sha256:abc")]
    [InlineData("")]
    public void Parse_RejectsWhatIsNotAFullReference(string text)
    {
        Assert.Throws<FormatException>(() => OciReference.Parse(text));
    }

    [Fact]
    public void BaseUri_IsPlainHttpOnlyForLoopback()
    {
        Assert.Equal("http://127.0.0.1:5000/v2/app/", OciRegistryClient.BaseUri(OciReference.Parse("127.0.0.1:5000/app")).ToString());
        Assert.Equal("https://registry.example/v2/app/", OciRegistryClient.BaseUri(OciReference.Parse("registry.example/app")).ToString());
    }
}
