using BenchmarkDotNet.Attributes;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Store;

namespace Rampart.Benchmarks.Deps;

/// <summary>
/// Matching a 10,000-component SBOM against a store of 500,000 synthetic OSV records
/// (<see cref="OsvCorpus"/>). The store is reopened before every iteration, so each measurement
/// includes reading and parsing the records it needs (no warm record cache); opening is measured separately.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private string _folder = "";
    private IReadOnlyList<Component> _components = [];
    private OsvStore? _store;

    [Params(500_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"rampart-bench-osv-{Records}");
        if (!OsvStore.Exists(Path.Combine(_folder, "store")))
        {
            OsvCorpus.Write(_folder, Records, 10_000);
            OsvImporter.Import(Path.Combine(_folder, "store"), Directory.GetFiles(Path.Combine(_folder, "osv"), "all.zip", SearchOption.AllDirectories));
        }

        _components = SbomFileReader.Read(Path.Combine(_folder, "sbom.cdx.json")).Components;
    }

    [IterationSetup(Target = nameof(Match10k))]
    public void Reopen()
    {
        _store?.Dispose();
        _store = OsvStore.Open(Path.Combine(_folder, "store"));
    }

    [Benchmark]
    public int OpenStore()
    {
        using var store = OsvStore.Open(Path.Combine(_folder, "store"));
        return store.Info.Records;
    }

    [Benchmark]
    public int Match10k() => new VulnerabilityMatcher(new StoreAdvisories(_store!)).Match(_components).Count;

    [GlobalCleanup]
    public void Cleanup() => _store?.Dispose();
}
