using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Tests.Vulns;

/// <summary>The real advisories of the shared test data, parsed once, and helpers to match one package.</summary>
internal static class Advisories
{
    private static readonly Lazy<List<OsvRecord>> LazyAll = new(() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.TestData, "osv", "advisories"), "GHSA-*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(f => OsvParser.Parse(File.ReadAllBytes(f)))]);

    public static List<OsvRecord> All => LazyAll.Value;

    public static List<VulnerabilityMatch> Match(string ecosystem, string name, string version, IEnumerable<OsvRecord>? records = null) =>
        new VulnerabilityMatcher(new InMemoryAdvisories(records ?? All)).MatchOne(ComponentFactory.Create(ecosystem, name, version, "lock"));

    public static Component Component(string ecosystem, string name, string version) => ComponentFactory.Create(ecosystem, name, version, "lock");
}
