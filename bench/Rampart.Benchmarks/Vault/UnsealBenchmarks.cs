using BenchmarkDotNet.Attributes;
using Rampart.Core.Secrets;
using Rampart.Security.Vault;

namespace Rampart.Benchmarks.Vault;

/// <summary>
/// What a job pays per secret at start: find the entry files of the name, parse, pick the scope,
/// unwrap the data key and decrypt (a vault of 200 secrets, 3 scopes of the asked name).
/// </summary>
[MemoryDiagnoser]
public class UnsealBenchmarks : IDisposable
{
    private static readonly SecretScope Job = new("acme/app", "production", "main");
    private string _root = "";
    private SecretVault _vault = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("rampart-bench-vault-").FullName;
        _vault = new SecretVault(Path.Combine(_root, "vault"), new MasterKeySource(null, Path.Combine(_root, "master.key")));
        for (var i = 0; i < 200; i++)
            _vault.Set($"SECRET_{i:D3}", VaultScope.Any, $"value-{i}-" + new string('x', 40));
        _vault.Set("DEPLOY_KEY", VaultScope.Any, "any-scope-deploy-key-value");
        _vault.Set("DEPLOY_KEY", new VaultScope(null, "staging", null), "staging-deploy-key-value");
        _vault.Set("DEPLOY_KEY", new VaultScope("acme/*", "production", "main"), "production-deploy-key-value");
    }

    [Benchmark]
    public string? Unseal() => _vault.Unseal("DEPLOY_KEY", Job);

    [GlobalCleanup]
    public void Cleanup()
    {
        _vault.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _vault?.Dispose();
    }
}
