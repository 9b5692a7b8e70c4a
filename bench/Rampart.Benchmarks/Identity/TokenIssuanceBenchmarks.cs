using BenchmarkDotNet.Attributes;
using Rampart.Core.Identity;
using Rampart.Security.Identity;

namespace Rampart.Benchmarks.Identity;

/// <summary>Signing one job token with a loaded key (tokens/s = 1 / mean), RS256 (2048-bit) and ES256.</summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // The issuer is disposed in [GlobalCleanup], BenchmarkDotNet's teardown.
public class TokenIssuanceBenchmarks
#pragma warning restore CA1001
{
    private static readonly IdTokenRequest Request = new("sts.amazonaws.com", "acme/app", "refs/heads/main", "branch",
        "0123456789abcdef0123456789abcdef01234567", "42", "deploy", ".rampart/pipeline.yml", "sha256:" + new string('a', 64),
        "production", "push", "self-hosted", true);

    private string _root = "";
    private OidcIssuer _issuer = null!;

    [Params(SigningAlgorithm.RS256, SigningAlgorithm.ES256)]
    public SigningAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("rampart-bench-oidc-").FullName;
        var settings = new IssuerSettings("https://ci.example", Algorithm, IssuerSettings.DefaultLifetime);
        _issuer = new OidcIssuer(settings, new SigningKeyStore(Path.Combine(_root, "identity")));
        _issuer.Issue(Request);
    }

    [Benchmark]
    public string Issue() => _issuer.Issue(Request).Value;

    [GlobalCleanup]
    public void Cleanup()
    {
        _issuer.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
