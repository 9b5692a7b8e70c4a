using Rampart.Security.Sbom;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Toml;

namespace Rampart.Security.Tests.Sbom;

/// <summary>The folder walk and the readers on hand-made trees: precedence, CPM, includes, links, bad input.</summary>
public sealed class DetectorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("rampart-detect-");

    [Fact]
    public void CentralPackageManagement_GivesVersions_ToProjectReferences()
    {
        Write("Directory.Packages.props", """<Project><ItemGroup><PackageVersion Include="Serilog" Version="3.1.1" /><PackageVersion Include="xunit" Version="2.9.0" /></ItemGroup></Project>""");
        Write("src/App/App.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" /><PackageReference Include="xunit" VersionOverride="2.9.2" PrivateAssets="all" /></ItemGroup></Project>""");
        var components = Detect();
        Assert.Contains(components, c => c.Purl == "pkg:nuget/Serilog@3.1.1" && c.Direct == true);
        var xunit = Assert.Single(components, c => c.Name == "xunit");
        Assert.Equal("2.9.2", xunit.Version);
        Assert.Equal(ComponentScope.Development, xunit.Scope);
    }

    [Fact]
    public void ProjectFile_IsSuperseded_ByTheLockNextToIt()
    {
        Write("App/App.csproj", """<Project><ItemGroup><PackageReference Include="Newtonsoft.Json" Version="[13.0.1,14.0)" /></ItemGroup></Project>""");
        Write("App/packages.lock.json", """{"version":1,"dependencies":{"net8.0":{"Newtonsoft.Json":{"type":"Direct","requested":"[13.0.1, )","resolved":"13.0.3"}}}}""");
        var component = Assert.Single(Detect());
        Assert.Equal("13.0.3", component.Version);
        Assert.Equal(["App/packages.lock.json"], component.FoundIn);
    }

    [Fact]
    public void VersionRanges_AreRecordedAtTheirLowerBound()
    {
        Write("App/App.csproj", """<Project><ItemGroup><PackageReference Include="Polly" Version="[8.0.0,9.0)" /><PackageReference Include="Dapper" Version="$(DapperVersion)" /></ItemGroup></Project>""");
        var component = Assert.Single(Detect());
        Assert.Equal("pkg:nuget/Polly@8.0.0", component.Purl);
    }

    [Fact]
    public void Requirements_FollowIncludes_OnceEach_AndNeverOutsideTheTree()
    {
        Write("requirements.txt", "-r requirements-base.txt\n-r ../../../etc/passwd\nflask==3.0.0  # web\n");
        Write("requirements-base.txt", "-r requirements.txt\nJinja2==3.1.2 \\\n  --hash=sha256:6088930bfe239f0e6710546ab9c19c9ef35e29792895fed6e6e31a023a182a61\nunpinned>=1.0\n");
        var components = Detect();
        Assert.Equal(["pkg:pypi/flask@3.0.0", "pkg:pypi/jinja2@3.1.2"], components.Select(c => c.Purl).Order(StringComparer.Ordinal));
        Assert.Equal("SHA-256", Assert.Single(components, c => c.Name == "jinja2").Hashes.Single().Algorithm);
    }

    [Fact]
    public void Walk_DoesNotFollowSymbolicLinks_OutOfTheTree()
    {
        var outside = Directory.CreateTempSubdirectory("rampart-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "requirements.txt"), "secret-package==1.0.0\n");
            Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "linked"), outside.FullName);
            File.CreateSymbolicLink(Path.Combine(_root.FullName, "requirements.txt"), Path.Combine(outside.FullName, "requirements.txt"));
            Assert.Empty(Detect());
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Walk_SkipsNodeModulesAndGit()
    {
        Write("node_modules/x/package-lock.json", """{"lockfileVersion":3,"packages":{"node_modules/a":{"version":"1.0.0"}}}""");
        Write(".git/requirements.txt", "a==1.0\n");
        Assert.Empty(Detect());
    }

    [Fact]
    public void BadFiles_AreReportedByPath_AndTheRestIsStillRead()
    {
        Write("a/package-lock.json", "\u0000\u0001binary");
        Write("b/Cargo.lock", "[[package]]\nname = \"serde\nversion = \"1.0.0\"\n");
        Write("c/requirements.txt", "six==1.16.0\n");
        var result = new ComponentDetector().Detect(_root.FullName, Subject(), TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("a/package-lock.json:", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("b/Cargo.lock:", StringComparison.Ordinal));
        Assert.Equal("pkg:pypi/six@1.16.0", Assert.Single(result.Document.Components).Purl);
    }

    [Fact]
    public void DeeplyNestedJson_IsRefused_NotAStackOverflow()
    {
        Write("package-lock.json", new string('[', 100_000) + new string(']', 100_000));
        var result = new ComponentDetector().Detect(_root.FullName, Subject(), TestContext.Current.CancellationToken);
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Toml_ReadsLockfileSubset_AndRejectsBrokenInput()
    {
        var doc = TomlReader.Parse("""
            # comment
            version = 4
            [[package]]
            name = "a"
            deps = [
              "b 1.0", # trailing comment
              'c',
            ]
            source = { registry = "https://x.example", "quoted key" = '''multi
            line''' }
            [[package]]
            name = "b\u00e9"
            [metadata.files]
            x = []
            """);
        var packages = doc.Tables("package").ToList();
        Assert.Equal(["a", "bé"], packages.Select(p => p.Str("name")));
        Assert.Equal(["b 1.0", "c"], packages[0].List("deps").Cast<string>());
        Assert.Equal("multi\nline", packages[0].Table("source").Str("quoted key"));
        Assert.Throws<FormatException>(() => TomlReader.Parse("a = \"unterminated\n"));
        Assert.Throws<FormatException>(() => TomlReader.Parse("a = 1\na = 2\n"));
        Assert.Throws<FormatException>(() => TomlReader.Parse("[table\n"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private IReadOnlyList<Component> Detect()
    {
        var result = new ComponentDetector().Detect(_root.FullName, Subject(), TestContext.Current.CancellationToken);
        Assert.Empty(result.Errors);
        return result.Document.Components;
    }

    private static SbomSubject Subject() => new("t", null, DateTimeOffset.UnixEpoch);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
