using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Benchmarks.Signing;

/// <summary>
/// Signing and verifying one artifact as a Sigstore bundle (hash + ECDSA P-256 + bundle JSON), for a
/// 1 KB and a 100 MB artifact. Artifacts per second = 1 / mean seconds.
/// </summary>
[MemoryDiagnoser]
public class SignVerifyBenchmarks
{
    private EcdsaSigner _signer = null!;
    private VerificationKey _key = null!;
    private byte[] _artifact = [];
    private SigstoreBundle _bundle = null!;

    [Params(1024, 100 * 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signer = EcdsaSigner.Generate();
        _key = VerificationKey.FromSpki(_signer.PublicKeySpki.Span);
        _artifact = RandomNumberGenerator.GetBytes(Size);
        _bundle = BundleSigner.SignArtifactAsync(_signer, new MemoryStream(_artifact), CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _signer.Dispose();
    }

    [Benchmark]
    public async Task<byte[]> Sign()
    {
        using var stream = new MemoryStream(_artifact, writable: false);
        var bundle = await BundleSigner.SignArtifactAsync(_signer, stream, CancellationToken.None);
        return BundleJson.Serialize(bundle);
    }

    [Benchmark]
    public async Task<bool> Verify()
    {
        using var stream = new MemoryStream(_artifact, writable: false);
        var result = await BundleVerifier.VerifyAsync(_bundle, stream, new VerificationPolicy { Key = _key }, CancellationToken.None);
        return result.Verified ? true : throw new InvalidOperationException(result.Reason);
    }
}
