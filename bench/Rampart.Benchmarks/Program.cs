using BenchmarkDotNet.Running;
using Rampart.Benchmarks.Policy;
using Rampart.Benchmarks.Deps;

// "generate-osv DIR [RECORDS] [COMPONENTS]" writes the synthetic advisory corpus and SBOM used by bench/deps-match.sh.
if (args is ["generate-osv", var folder, ..])
{
    OsvCorpus.Write(folder, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args is ["policy-latency", ..])
{
    GateLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}

// "artifact-store [MB] [RUNS]": write+read throughput and peak memory, files against PostgreSQL (bench/README.md).
if (args is ["artifact-store", ..])
{
    await Rampart.Benchmarks.Artifacts.ArtifactStoreThroughput.RunAsync(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GateLatency).Assembly).Run(args);
