using System.Text;
using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Reports;

namespace Rampart.Security.Tests.SecretScan;

public sealed class EngineTests
{
    private static readonly SecretScanEngine Engine = new(BuiltInRules.Compiled);
    private static readonly string Token = FakeSecrets.GitHub("ghp", new Random(7));

    [Fact]
    public void Scan_ReportsLineAndColumns_OfTheSecret()
    {
        var text = "line one\nline two\n  token: " + Token + "\nline four\n";
        var finding = Assert.Single(Engine.ScanText(text, new ScanTarget("a/b.yml")));
        Assert.Equal("github-pat", finding.RuleId);
        Assert.Equal(3, finding.Line);
        Assert.Equal(10, finding.Column);
        Assert.Equal(10 + Token.Length, finding.EndColumn);
        Assert.Equal("a/b.yml", finding.Path);
    }

    [Fact]
    public void Fingerprint_StaysTheSame_WhenUnrelatedLinesMove()
    {
        var before = Assert.Single(Engine.ScanText("x\ntoken: " + Token, new ScanTarget("f.txt")));
        var after = Assert.Single(Engine.ScanText("a\nb\nc\nd\nx\ntoken: " + Token, new ScanTarget("f.txt")));
        Assert.NotEqual(before.Line, after.Line);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        var elsewhere = Assert.Single(Engine.ScanText("token: " + Token, new ScanTarget("g.txt")));
        Assert.NotEqual(before.Fingerprint, elsewhere.Fingerprint);
    }

    [Theory]
    [InlineData("token: {0} # rampart:allow")]
    [InlineData("token: {0} // gitleaks:allow")]
    public void Scan_SkipsLine_WithInlineAllowComment(string line)
    {
        Assert.Empty(Engine.ScanText(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Token), new ScanTarget("f.txt")));
        Assert.Single(Engine.ScanText("token: " + Token + "\n# rampart:allow", new ScanTarget("f.txt")));
    }

    [Fact]
    public void Reports_NeverContainTheSecret_InAnyFormatOrEncoding()
    {
        var secret = "sk_live_" + FakeSecrets.Chars('A', 32, new Random(3));
        var result = new SecretScanResult(Engine.ScanText("STRIPE=" + secret, new ScanTarget("s.env")), new ScanStats());
        Assert.Single(result.Findings);
        using var json = new MemoryStream();
        SecretJsonReport.Write(json, result);
        using var sarif = new MemoryStream();
        SecretSarif.Write(sarif, BuiltInRules.Compiled, result.Findings);
        using var table = new StringWriter();
        SecretTable.Write(table, result, 0);
        var forms = new[] { secret, secret[8..], Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Convert.ToHexString(Encoding.UTF8.GetBytes(secret)) };
        foreach (var output in new[] { Encoding.UTF8.GetString(json.ToArray()), Encoding.UTF8.GetString(sarif.ToArray()), table.ToString() })
        {
            foreach (var form in forms)
                Assert.DoesNotContain(form, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Decoding_FindsTokenInsideBase64_OnlyWhenEnabled()
    {
        var blob = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"token\": \"" + Token + "\"}"));
        var text = "config:\n  data: " + blob + "\n";
        Assert.DoesNotContain(Engine.ScanText(text, new ScanTarget("c.yml")), f => f.RuleId == "github-pat");
        var decoding = new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { DecodeDepth = 1 });
        var finding = Assert.Single(decoding.ScanText(text, new ScanTarget("c.yml")), f => f.RuleId == "github-pat");
        Assert.Equal(2, finding.Line);
        Assert.Equal("base64", finding.Decoded);
    }

    [Fact]
    public void Decoding_FollowsNestedEncodings_UpToTheDepth()
    {
        var inner = Convert.ToHexString(Encoding.UTF8.GetBytes("key=" + Token));
        var outer = Convert.ToBase64String(Encoding.UTF8.GetBytes("payload " + inner));
        var one = new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { DecodeDepth = 1 });
        var two = new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { DecodeDepth = 2 });
        Assert.DoesNotContain(one.ScanText(outer, new ScanTarget("x")), f => f.RuleId == "github-pat");
        Assert.Equal("base64/hex", Assert.Single(two.ScanText(outer, new ScanTarget("x")), f => f.RuleId == "github-pat").Decoded);
    }

    [Fact(Timeout = 120_000)]
    public async Task Scan_CompletesOnPathologicalInput_WithoutBacktracking()
    {
        // Inputs shaped to make backtracking regexes explode: long runs of keyword-adjacent characters.
        var builder = new StringBuilder();
        builder.Append("password=").Append('a', 200_000).Append('\n');
        builder.Append("-----BEGIN RSA PRIVATE KEY-----").Append('A', 300_000).Append('\n');
        for (var i = 0; i < 20_000; i++)
            builder.Append("secret token api_key password= ");
        builder.Append('\n').Append(string.Concat(Enumerable.Repeat("eyJ", 50_000)));
        var text = builder.ToString();
        var result = await Task.Run(() => Engine.ScanText(text, new ScanTarget("evil.txt")), TestContext.Current.CancellationToken);
        Assert.NotNull(result);
    }

    [Fact]
    public async Task Stream_FindsSecrets_AcrossChunkBoundaries_WithRightLineNumbers()
    {
        var engine = new SecretScanEngine(BuiltInRules.Compiled, new SecretScanOptions { ChunkBytes = 4096 });
        var builder = new StringBuilder();
        for (var i = 1; i <= 5000; i++)
            builder.Append(i == 3333 ? "token: " + Token : "filler line number " + i).Append('\n');
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(builder.ToString()));
        var result = await engine.ScanStreamAsync(stream, new ScanTarget("big.log"), TestContext.Current.CancellationToken);
        Assert.Equal(3333, Assert.Single(result.Findings).Line);
    }

    [Fact]
    public async Task Stream_SkipsBinaryContent()
    {
        var bytes = Encoding.UTF8.GetBytes("\0\u0001binary token: " + Token);
        var result = await Engine.ScanStreamAsync(new MemoryStream(bytes), new ScanTarget("x.bin"), TestContext.Current.CancellationToken);
        Assert.Empty(result.Findings);
        Assert.Equal(1, result.Stats.SkippedBinary);
    }

    [Fact]
    public void Scan_DoesNotReportThePlaceholderForms()
    {
        var text = string.Join('\n',
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "GITHUB_TOKEN=${GITHUB_TOKEN}",
            "api_key = \"<your-api-key>\"",
            "password = \"xxxxxxxxxxxxxxxx\"",
            "client_secret: {{ .Values.clientSecret }}",
            "token: ${{ secrets.DEPLOY_TOKEN }}");
        Assert.Empty(Engine.ScanText(text, new ScanTarget("docs/setup.md")));
    }
}
