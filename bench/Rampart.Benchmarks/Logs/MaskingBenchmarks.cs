using System.Text;
using BenchmarkDotNet.Attributes;
using Rampart.Engine.Logs;

namespace Rampart.Benchmarks.Logs;

/// <summary>
/// Masking 10 MB of build-log text with 20 registered secrets (about 20 variants each),
/// a few of which occur in clear and encoded. MB/s = 10 / mean seconds.
/// </summary>
[MemoryDiagnoser]
public class MaskingBenchmarks
{
    private const int TextChars = 10 * 1024 * 1024;
    private const int ChunkChars = 4096;

    private SecretMasker _masker = new();
    private string _text = "";
    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _masker = new SecretMasker();
        var secrets = Enumerable.Range(0, 20).Select(i => $"tok_{i:D2}_" + RandomToken(random, 28)).ToArray();
        foreach (var secret in secrets)
        {
            _masker.Register(secret);
        }

        string[] lines =
        [
            "  Restored /src/app/App.csproj (in 312 ms).",
            "  App -> /src/app/bin/Release/net10.0/App.dll",
            "[xUnit.net 00:00:01.23]   Passed  App.Tests.OrderTests.Total_IncludesTax",
            "npm warn deprecated inflight@1.0.6: This module is not supported",
            "  Compiling serde v1.0.210",
            "Step 4/9 : RUN make -j2 all",
        ];
        var builder = new StringBuilder(TextChars + 200);
        for (var n = 0; builder.Length < TextChars; n++)
        {
            builder.Append(lines[n % lines.Length]).Append(' ').Append(n).Append('\n');
            if (n % 5000 == 0)
            {
                var secret = secrets[n / 5000 % secrets.Length];
                builder.Append("auth ").Append(secret).Append(" b64 ")
                    .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + secret))).Append('\n');
            }
        }

        _text = builder.ToString(0, TextChars);
        _utf8 = Encoding.UTF8.GetBytes(_text);
    }

    [Benchmark(Baseline = true)]
    public int Apply() => _masker.Apply(_text).Length;

    [Benchmark]
    public long WriteChunks()
    {
        long total = 0;
        using var writer = new MaskingWriter(_masker, s => total += s.Length);
        for (var pos = 0; pos < _text.Length; pos += ChunkChars)
        {
            writer.Write(_text.AsSpan(pos, Math.Min(ChunkChars, _text.Length - pos)));
        }

        writer.Flush();
        return total;
    }

    [Benchmark]
    public long WriteBytesChunks()
    {
        long total = 0;
        using var writer = new MaskingWriter(_masker, s => total += s.Length);
        for (var pos = 0; pos < _utf8.Length; pos += ChunkChars)
        {
            writer.WriteBytes(_utf8.AsSpan(pos, Math.Min(ChunkChars, _utf8.Length - pos)));
        }

        writer.Flush();
        return total;
    }

    private static string RandomToken(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }
}
