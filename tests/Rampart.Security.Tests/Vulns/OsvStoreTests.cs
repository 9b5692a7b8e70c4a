using System.IO.Compression;
using System.Text;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Store;

namespace Rampart.Security.Tests.Vulns;

/// <summary>Import into the on-disk store from folders and zips, replacement rules, damage, and update over HTTP from 127.0.0.1.</summary>
public sealed class OsvStoreTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("rampart-osvstore-");

    private string StoreFolder => Path.Combine(_work.FullName, "store");

    private static string AdvisoryFolder => Path.Combine(RepoPaths.TestData, "osv", "advisories");

    [Fact]
    public void ImportFolder_CountsPerEcosystem_AndMatchesLikeInMemory()
    {
        var result = OsvImporter.Import(StoreFolder, [AdvisoryFolder], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(40, result.Store.Records);
        // index.json (the test data's own listing) is not an OSV record and is refused by name.
        Assert.Equal(1, result.Rejected);
        Assert.Contains("index.json", Assert.Single(result.RejectedSamples), StringComparison.Ordinal);
        Assert.Equal(13, result.ImportedPerEcosystem["NuGet"]);
        Assert.True(result.Store.NewestModified > new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var store = OsvStore.Open(StoreFolder);
        var lodash = new VulnerabilityMatcher(new StoreAdvisories(store)).MatchOne(ComponentFactory.Create(Ecosystems.Npm, "lodash", "4.17.20", "x"));
        Assert.Equal("CVE-2021-23337", Assert.Single(lodash).Id);
        Assert.Equal(2, store.Find("NuGet", "npgsql").Count + store.Find("NuGet", "NPGSQL").Count);
    }

    [Fact]
    public void ImportZip_ReadsJsonEntries_AndRejectsBadOnes_ByName()
    {
        var zip = Zip("all.zip", ("GHSA-35jh-r3h4-6jhm.json", File.ReadAllText(Path.Combine(AdvisoryFolder, "npm", "GHSA-35jh-r3h4-6jhm.json"))),
            ("broken.json", "{ not json"), ("noid.json", "{\"modified\":\"2024-01-01T00:00:00Z\"}"), ("README.txt", "ignored"));
        var result = OsvImporter.Import(StoreFolder, [zip], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Store.Records);
        Assert.Equal(2, result.Rejected);
        Assert.Contains(result.RejectedSamples, s => s.Contains("broken.json", StringComparison.Ordinal));
        Assert.Contains(result.RejectedSamples, s => s.Contains("noid.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Reimport_KeepsTheNewerRecord_WhateverTheOrder()
    {
        var newer = Record("TEST-1", "2025-01-01T00:00:00Z", "9.9.9");
        var older = Record("TEST-1", "2020-01-01T00:00:00Z", "1.0.0");
        OsvImporter.Import(StoreFolder, [Zip("a.zip", ("t.json", newer))], cancellationToken: TestContext.Current.CancellationToken);
        OsvImporter.Import(StoreFolder, [Zip("b.zip", ("t.json", older))], cancellationToken: TestContext.Current.CancellationToken);
        using (var store = OsvStore.Open(StoreFolder))
        {
            var record = Assert.Single(store.Find("npm", "demo"));
            Assert.Equal("9.9.9", record.Affected[0].Ranges[0].Events[1].Version);
        }

        var result = OsvImporter.Import(StoreFolder, [Zip("c.zip", ("t.json", Record("TEST-1", "2026-01-01T00:00:00Z", "10.0.0")), ("u.json", Record("TEST-2", "2026-01-01T00:00:00Z", "1.0.0")))], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Store.Records);
        using var reopened = OsvStore.Open(StoreFolder);
        Assert.Contains(reopened.Find("npm", "demo"), r => r.Id == "TEST-1" && r.Affected[0].Ranges[0].Events[1].Version == "10.0.0");
    }

    [Fact]
    public void DamagedStore_IsRefused_WithAClearError()
    {
        OsvImporter.Import(StoreFolder, [AdvisoryFolder], cancellationToken: TestContext.Current.CancellationToken);
        var path = OsvStore.PathIn(StoreFolder);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => OsvStore.Open(StoreFolder));
        Assert.Contains("import again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OfNotAZip_FailsWithoutTouchingTheStore()
    {
        OsvImporter.Import(StoreFolder, [AdvisoryFolder], cancellationToken: TestContext.Current.CancellationToken);
        var before = File.ReadAllBytes(OsvStore.PathIn(StoreFolder));
        var fake = Path.Combine(_work.FullName, "fake.zip");
        File.WriteAllText(fake, "not a zip");
        Assert.Throws<InvalidDataException>(() => OsvImporter.Import(StoreFolder, [fake], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(before, File.ReadAllBytes(OsvStore.PathIn(StoreFolder)));
        Assert.Empty(Directory.GetFiles(StoreFolder, "*.tmp-*"));
    }

    [Fact]
    public async Task Update_DownloadsPerEcosystemZips_FromTheConfiguredBaseUrl()
    {
        var npmZip = File.ReadAllBytes(Zip("npm.zip", ("a.json", File.ReadAllText(Path.Combine(AdvisoryFolder, "npm", "GHSA-35jh-r3h4-6jhm.json")))));
        var goZip = File.ReadAllBytes(Zip("go.zip", ("b.json", File.ReadAllText(Path.Combine(AdvisoryFolder, "Go", "GHSA-4374-p667-p6c8.json")))));
        var requested = new List<string>();
        await using var server = await LocalServer.StartAsync(path =>
        {
            requested.Add(path);
            return path switch
            {
                "/osv/npm/all.zip" => npmZip,
                "/osv/Go/all.zip" => goZip,
                _ => null,
            };
        });
        using var http = new HttpClient();
        var result = await new OsvDownloader(http).UpdateAsync(StoreFolder, new Uri(server.BaseUrl + "osv/"), ["npm", "Go"], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["/osv/npm/all.zip", "/osv/Go/all.zip"], requested);
        Assert.Equal(1, result.ImportedPerEcosystem["npm"]);
        Assert.Equal(1, result.ImportedPerEcosystem["Go"]);
        var missing = await Assert.ThrowsAsync<HttpRequestException>(() =>
            new OsvDownloader(http).UpdateAsync(StoreFolder, new Uri(server.BaseUrl + "osv/"), ["PyPI"], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("404", missing.Message, StringComparison.Ordinal);
        using var store = OsvStore.Open(StoreFolder);
        Assert.Equal(2, store.Info.Records);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static string Record(string id, string modified, string fixedVersion) =>
        $$"""{"id":"{{id}}","modified":"{{modified}}","affected":[{"package":{"ecosystem":"npm","name":"demo"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"{{fixedVersion}}"}]}]}]}""";

    private string Zip(string name, params (string Entry, string Text)[] entries)
    {
        var path = Path.Combine(_work.FullName, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return path;
    }
}
