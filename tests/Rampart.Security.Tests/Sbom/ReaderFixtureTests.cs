using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;

namespace Rampart.Security.Tests.Sbom;

/// <summary>Each reader on the shared lockfile fixtures: the packages, versions and flags it must find.</summary>
public sealed class ReaderFixtureTests
{
    [Theory]
    [InlineData("dotnet/packageslockjson/valid/packages.lock.json", "nuget-packages-lock", "pkg:nuget/Core.Dep@1.24.0")]
    [InlineData("dotnet/projectassetsjson/valid/project.assets.json", "nuget-project-assets", null)]
    [InlineData("dotnet/depsjson/valid", "nuget-deps-json", "pkg:nuget/AWSSDK.Core@3.7.10.6")]
    [InlineData("dotnet/packagesconfig/valid", "nuget-packages-config", "pkg:nuget/Microsoft.Net.Compilers@1.0.0")]
    [InlineData("dotnet/csproj/valid", "nuget-project-file", "pkg:nuget/LiteDB@5.0.12")]
    [InlineData("javascript/packagelockjson/nested-dependencies.v2.json", "npm-package-lock", null)]
    [InlineData("javascript/packagelockjson/scoped-packages.v1.json", "npm-package-lock", null)]
    [InlineData("javascript/yarnlock/with-aliases.v2.lock", "yarn-lock", "pkg:npm/ansi-regex@5.0.1")]
    [InlineData("javascript/yarnlock/two-packages.v1.lock", "yarn-lock", null)]
    [InlineData("javascript/pnpmlock/one-package.v9.yaml", "pnpm-lock", "pkg:npm/acorn@8.11.3")]
    [InlineData("javascript/pnpmlock/one-package.yaml", "pnpm-lock", "pkg:npm/acorn@8.7.0")]
    [InlineData("python/requirements/with_versions.txt", "pip-requirements", null)]
    [InlineData("python/pipfilelock/one-package-dev.json", "pipfile-lock", "pkg:pypi/markupsafe@2.1.1")]
    [InlineData("python/poetrylock/two-packages.lock", "python-toml-lock", "pkg:pypi/proto-plus@1.22.0")]
    [InlineData("python/uvlock/two-packages.lock", "python-toml-lock", "pkg:pypi/emoji@2.14.0")]
    [InlineData("java/pomxml/interpolation.xml", "maven-pom", null)]
    [InlineData("golang/gomod/two-packages.mod", "go-mod", null)]
    [InlineData("rust/cargolock/two-packages.lock", "cargo-lock", null)]
    [InlineData("ruby/gemfilelock/rails.lock", "gemfile-lock", null)]
    [InlineData("php/composerlock/two-packages.json", "composer-lock", null)]
    public void Reader_FindsPackages_InFixture(string file, string reader, string? expectedPurl)
    {
        var components = Read(reader, file);
        Assert.NotEmpty(components);
        Assert.All(components, c => Assert.StartsWith("pkg:", c.Purl, StringComparison.Ordinal));
        Assert.All(components, c => Assert.False(string.IsNullOrWhiteSpace(c.Version)));
        if (expectedPurl is not null)
            Assert.Contains(components, c => c.Purl == expectedPurl);
    }

    [Theory]
    [InlineData("dotnet/packageslockjson/invalid/invalid", "nuget-packages-lock")]
    [InlineData("dotnet/csproj/invalid", "nuget-project-file")]
    [InlineData("javascript/packagelockjson/not-json.txt", "npm-package-lock")]
    [InlineData("javascript/pnpmlock/not-yaml.txt", "pnpm-lock")]
    [InlineData("python/poetrylock/not-toml.txt", "python-toml-lock")]
    [InlineData("rust/cargolock/not-toml.txt", "cargo-lock")]
    [InlineData("java/pomxml/invalid-syntax.xml", "maven-pom")]
    [InlineData("php/composerlock/not-json.txt", "composer-lock")]
    public void Reader_RejectsMalformedFile_WithItsPath(string file, string reader)
    {
        var error = Assert.Throws<LockfileException>(() => Read(reader, file));
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PackagesLock_MarksDirectAndTransitive_AndLinksTheGraph()
    {
        var components = Read("nuget-packages-lock", "dotnet/packageslockjson/valid/packages.lock.json");
        var core = components.Single(c => c.Name == "Core.Dep");
        Assert.True(core.Direct);
        Assert.Contains("pkg:nuget/Some.Dep.One@1.1.1", core.DependsOn);
        Assert.False(components.Single(c => c.Name == "Some.Dep.One").Direct);
        Assert.Equal("SHA-512", core.Hashes.Single().Algorithm);
    }

    [Fact]
    public void PipfileLock_MarksDevelopSection_AsDevelopment()
    {
        var components = Read("pipfile-lock", "python/pipfilelock/one-package-dev.json");
        Assert.All(components, c => Assert.Equal(ComponentScope.Development, c.Scope));
    }

    [Fact]
    public void GoMod_MarksIndirect_AsTransitive_AndAppliesReplace()
    {
        var indirect = Read("go-mod", "golang/gomod/indirect-1.23.mod");
        Assert.Contains(indirect, c => c.Direct == false);
        Assert.Contains(indirect, c => c.Direct == true);
        var replaced = Read("go-mod", "golang/gomod/replace-local.mod");
        Assert.DoesNotContain(replaced, c => c.Name.StartsWith("./", StringComparison.Ordinal));
    }

    [Fact]
    public void Pom_SubstitutesProperties_AndNeverGuessesUnresolvedVersions()
    {
        var components = Read("maven-pom", "java/pomxml/interpolation.xml");
        Assert.DoesNotContain(components, c => c.Version.Contains("${", StringComparison.Ordinal) || c.Name.Contains("${", StringComparison.Ordinal));
    }

    [Fact]
    public void PackageLockV1AndV2_OfTheSameTree_GiveTheSamePackages()
    {
        var v1 = Read("npm-package-lock", "javascript/packagelockjson/nested-dependencies.v1.json").Select(c => c.Purl).Order(StringComparer.Ordinal);
        var v2 = Read("npm-package-lock", "javascript/packagelockjson/nested-dependencies.v2.json").Select(c => c.Purl).Order(StringComparer.Ordinal);
        Assert.Equal(v1, v2);
    }

    private static IReadOnlyList<Component> Read(string readerId, string file)
    {
        var reader = ComponentDetector.DefaultReaders.Single(r => r.Id == readerId);
        var path = RepoPaths.TestDataFile(["lockfiles", .. file.Split('/')]);
        return reader.Read(new LockfileInput(path, file));
    }
}
