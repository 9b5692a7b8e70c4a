using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Engine.Artifacts;
using Rampart.Security.Signing.Keys;
using Rampart.Security.Signing.Runs;

namespace Rampart.Benchmarks.Signing;

/// <summary>
/// The engine's work between the end of the last job and signed provenance, for a run with 100
/// artifacts of 64 KB in the file artifact store: unlock the key (master key file), re-hash and sign
/// each artifact, build and sign SLSA provenance, write the bundles and the index.
/// </summary>
[MemoryDiagnoser]
public class RunSigningBenchmarks
{
    private const int Artifacts = 100;
    private string _state = "";
    private FileSystemArtifactStore _store = null!;
    private readonly List<ArtifactRecord> _artifacts = [];
    private RunSigner _signer = null!;
    private long _runId;

    [GlobalSetup]
    public void Setup()
    {
        _state = Directory.CreateTempSubdirectory("rampart-bench-sign-").FullName;
        _store = new FileSystemArtifactStore(Path.Combine(_state, "artifacts"));
        for (var i = 0; i < Artifacts; i++)
        {
            using var content = new MemoryStream(RandomNumberGenerator.GetBytes(64 * 1024));
            var (digest, size) = _store.PutAsync(content, CancellationToken.None).GetAwaiter().GetResult();
            _artifacts.Add(new ArtifactRecord(1, "build", $"out/part-{i:000}.bin", digest, size));
        }

        var keys = Path.Combine(_state, "keys");
        Directory.CreateDirectory(keys);
        var master = Path.Combine(keys, "master.key");
        KeyProtection.CreateMasterKeyFile(master);
        KeyFile.Generate(keys, KeyProtection.MasterKeyFile(master));
        _signer = new RunSigner(new KeyFileProvider(Path.Combine(keys, KeyFile.PrivateKeyName), () => KeyProtection.MasterKeyFile(master)), _state, "https://rampart.example/builders/bench");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_state, recursive: true);

    [Benchmark]
    public async Task<int> SignRunWith100Artifacts()
    {
        var run = new RunRecord
        {
            Id = ++_runId, Pipeline = "bench", Repository = "/src/app", Ref = "refs/heads/main", Commit = new string('c', 40),
            Event = "push", Status = Outcome.Running, StartedAt = DateTimeOffset.UtcNow,
        };
        var source = new BuildSource("git+file:///src/app", "refs/heads/main", run.Commit, ".rampart/pipeline.yml", Digest.Sha256("p"u8), "push");
        var records = await _signer.SignRunAsync(new RunSigningRequest(run, source, _artifacts, _store, [], DateTimeOffset.UtcNow), CancellationToken.None);
        return records.Count;
    }
}
