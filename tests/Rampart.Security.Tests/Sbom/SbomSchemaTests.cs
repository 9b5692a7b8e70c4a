using System.Text;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.CycloneDx;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Sbom.Spdx;

namespace Rampart.Security.Tests.Sbom;

/// <summary>
/// Our CycloneDX and SPDX output, built from every lockfile fixture together, handed to ajv with the
/// official schemas (CycloneDX 1.6 draft-07 with its spdx and jsf references; SPDX 2.3 draft 2019-09).
/// </summary>
public sealed class SbomSchemaTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rampart-sbom-");

    [Fact]
    public async Task CycloneDx_ValidatesAgainstOfficialSchema()
    {
        var file = Write("bom.cdx.json", s => CycloneDxWriter.Write(s, Document(), SbomWriteOptions.Create("1.0.0")));
        var schema = RepoPaths.TestDataFile("cyclonedx", "schema", "bom-1.6.schema.json");
        var result = await NodeTool.RunAsync("ajv", ["validate", "--spec=draft7", "-s", schema,
            "-r", RepoPaths.TestDataFile("cyclonedx", "schema", "spdx.schema.json"),
            "-r", RepoPaths.TestDataFile("cyclonedx", "schema", "jsf-0.82.schema.json"),
            "-d", file, "-c", "ajv-formats", "--strict=false", "--all-errors"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Spdx_ValidatesAgainstOfficialSchema()
    {
        var file = Write("bom.spdx.json", s => SpdxWriter.Write(s, Document(), SbomWriteOptions.Create("1.0.0")));
        var schema = RepoPaths.TestDataFile("spdx", "schemas", "spdx-schema.json");
        var result = await NodeTool.RunAsync("ajv", ["validate", "--spec=draft2019", "-s", schema, "-d", file, "-c", "ajv-formats", "--strict=false", "--all-errors"],
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Validator_RejectsBrokenCycloneDx_SoTheCheckCanFail()
    {
        var file = Write("broken.cdx.json", s => s.Write(Encoding.UTF8.GetBytes("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"library\"}]}")));
        var schema = RepoPaths.TestDataFile("cyclonedx", "schema", "bom-1.6.schema.json");
        var result = await NodeTool.RunAsync("ajv", ["validate", "--spec=draft7", "-s", schema,
            "-r", RepoPaths.TestDataFile("cyclonedx", "schema", "spdx.schema.json"),
            "-r", RepoPaths.TestDataFile("cyclonedx", "schema", "jsf-0.82.schema.json"),
            "-d", file, "-c", "ajv-formats", "--strict=false"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void Spdx_NamespacesDiffer_BetweenTwoDocuments()
    {
        var a = Encoding.UTF8.GetString(File.ReadAllBytes(Write("a.spdx.json", s => SpdxWriter.Write(s, Document(), SbomWriteOptions.Create("1")))));
        var b = Encoding.UTF8.GetString(File.ReadAllBytes(Write("b.spdx.json", s => SpdxWriter.Write(s, Document(), SbomWriteOptions.Create("1")))));
        string Ns(string t) => t.Split('\n').Single(l => l.Contains("documentNamespace", StringComparison.Ordinal));
        Assert.NotEqual(Ns(a), Ns(b));
    }

    private static readonly (string Folder, string Reader)[] Folders =
    [
        ("dotnet/packageslockjson", "nuget-packages-lock"), ("dotnet/projectassetsjson", "nuget-project-assets"), ("dotnet/depsjson", "nuget-deps-json"),
        ("dotnet/packagesconfig", "nuget-packages-config"), ("dotnet/csproj", "nuget-project-file"), ("javascript/packagelockjson", "npm-package-lock"),
        ("javascript/yarnlock", "yarn-lock"), ("javascript/pnpmlock", "pnpm-lock"), ("python/requirements", "pip-requirements"),
        ("python/pipfilelock", "pipfile-lock"), ("python/poetrylock", "python-toml-lock"), ("python/uvlock", "python-toml-lock"),
        ("java/pomxml", "maven-pom"), ("golang/gomod", "go-mod"), ("rust/cargolock", "cargo-lock"), ("ruby/gemfilelock", "gemfile-lock"),
        ("php/composerlock", "composer-lock"),
    ];

    public void Dispose() => _work.Delete(recursive: true);

    private static SbomDocument Document()
    {
        var subject = new SbomSubject("fixtures", "0123abc", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var merged = new GraphBuilder();
        foreach (var (folder, readerId) in Folders)
        {
            var reader = ComponentDetector.DefaultReaders.Single(r => r.Id == readerId);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.TestData, "lockfiles", folder), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                try
                {
                    foreach (var component in reader.Read(new LockfileInput(file, Path.GetRelativePath(RepoPaths.TestData, file))))
                        merged.Add(component);
                }
                catch (LockfileException)
                {
                    // negative fixtures (invalid*, not-*) are covered by ReaderFixtureTests
                }
            }
        }

        var components = merged.Build();
        Assert.True(components.Count > 300, $"only {components.Count} components");
        return new SbomDocument(subject, components);
    }

    private string Write(string name, Action<Stream> write)
    {
        var path = Path.Combine(_work.FullName, name);
        using (var stream = File.Create(path))
            write(stream);
        return path;
    }
}
