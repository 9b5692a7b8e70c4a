using System.Text;
using BenchmarkDotNet.Attributes;
using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;

namespace Rampart.Benchmarks.SecretScan;

/// <summary>
/// The secret scanner's matching on 8 MB of source-like text with all built-in rules, in one thread:
/// MB/s = 8 / mean seconds. "Dense" has a credential word (token, secret, password, key) on most
/// lines, the worst case for the keyword prefilter; "Sparse" on about one line in fifty. The *Bytes
/// variants read the same text as a UTF-8 stream, the way files are scanned.
/// </summary>
[MemoryDiagnoser]
public class SecretScanBenchmarks
{
    private const int TextChars = 8 * 1000 * 1000;
    private readonly SecretScanEngine _engine = new(BuiltInRules.Compiled, new SecretScanOptions { Threads = 1 });
    private string _sparse = "";
    private string _dense = "";
    private byte[] _sparseBytes = [];
    private byte[] _denseBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _sparse = Build(new Random(1), 0.02);
        _dense = Build(new Random(2), 0.6);
        _sparseBytes = Encoding.UTF8.GetBytes(_sparse);
        _denseBytes = Encoding.UTF8.GetBytes(_dense);
        // Build the automata the keywords need, so the measurement is of steady state.
        _engine.ScanText(_dense, new ScanTarget("warmup.cs"));
    }

    [Benchmark]
    public int Sparse() => _engine.ScanText(_sparse, new ScanTarget("src/app.cs")).Count;

    [Benchmark]
    public int Dense() => _engine.ScanText(_dense, new ScanTarget("src/app.cs")).Count;

    /// <summary>The same text as bytes, as files are read: UTF-8 decoding and the keyword search over ASCII bytes.</summary>
    [Benchmark]
    public async Task<int> SparseBytes() => (await _engine.ScanStreamAsync(new MemoryStream(_sparseBytes), new ScanTarget("src/app.cs"), CancellationToken.None)).Findings.Count;

    [Benchmark]
    public async Task<int> DenseBytes() => (await _engine.ScanStreamAsync(new MemoryStream(_denseBytes), new ScanTarget("src/app.cs"), CancellationToken.None)).Findings.Count;

    private static string Build(Random random, double credentialWords)
    {
        string[] common = ["order", "user", "cart", "price", "item", "session", "client", "config", "request", "handler", "service", "account"];
        string[] rare = ["token", "secret", "password", "key"];
        string Word() => random.NextDouble() < credentialWords ? rare[random.Next(rare.Length)] : common[random.Next(common.Length)];
        var builder = new StringBuilder(TextChars + 200);
        while (builder.Length < TextChars)
        {
            builder.Append(random.Next(5) switch
            {
                0 => $"        var {Word()}{Word()} = await _{Word()}.GetAsync({Word()}Id, cancellationToken);",
                1 => $"    public string {Word()}Name {{ get; init; }} = \"{Word()}-{Word()}\";",
                2 => $"  \"{Word()}Count\": {random.Next(100000)},",
                3 => $"        _logger.LogInformation(\"{Word()} {Word()} {{Id}}\", {Word()}.Id);",
                _ => "        // " + string.Join(' ', Enumerable.Range(0, 8).Select(_ => Word())),
            }).Append('\n');
        }

        return builder.ToString();
    }
}
