using System.Text;
using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

public sealed class ScannerBehaviourTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rampart-config-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private ConfigScanReport Scan(ConfigScanSettings? settings = null) => new ConfigScanner(settings).Scan(_root, TestContext.Current.CancellationToken);

    private const string Vulnerable = "FROM alpine:3.20\nRUN echo hi\n";

    [Fact]
    public void Suppression_WithReason_SilencesTheCheckOnTheNextLine()
    {
        Write("Dockerfile", "# rampart:ignore docker-image-no-digest -- base image is pinned by the build system\nFROM alpine:3.20\nUSER 1000\n");
        var report = Scan();
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "docker-image-no-digest");
        Assert.Equal(1, report.Suppressed);
    }

    [Fact]
    public void Suppression_WithoutReason_SuppressesNothing_AndIsReported()
    {
        Write("Dockerfile", "FROM alpine:3.20 # rampart:ignore docker-image-no-digest\nUSER 1000\n");
        var report = Scan();
        Assert.Contains(report.Findings, f => f.RuleId == "docker-image-no-digest");
        Assert.Contains(report.Findings, f => f.RuleId == "config-suppression-without-reason" && f.Location!.StartLine == 1);
    }

    [Fact]
    public void Suppression_OfAnotherCheck_DoesNotHideThisOne()
    {
        Write("Dockerfile", "# rampart:ignore docker-root-user -- runs as root by design\nFROM alpine:3.20\n");
        var report = Scan();
        Assert.Contains(report.Findings, f => f.RuleId == "docker-image-no-digest" && f.Location!.StartLine == 2);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "docker-root-user");
        Assert.Equal(1, report.Suppressed);
    }

    [Fact]
    public void FileSuppression_SilencesTheCheckEverywhereInTheFile()
    {
        Write("deploy/app.yaml", "# rampart:ignore-file k8s-missing-probes -- batch worker without HTTP\n" + Pod("a") + "---\n" + Pod("b"));
        Assert.DoesNotContain(Scan().Findings, f => f.RuleId == "k8s-missing-probes");
    }

    [Fact]
    public void Settings_DisableAndSeverityOverride_Apply()
    {
        Write("Dockerfile", Vulnerable);
        var settings = ConfigScanSettingsReader.Parse("disable: [docker-root-user]\nseverity:\n  docker-image-no-digest: critical\n", "s.yml");
        var report = Scan(settings);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "docker-root-user");
        Assert.Equal(Severity.Critical, Assert.Single(report.Findings, f => f.RuleId == "docker-image-no-digest").Severity);
    }

    [Fact]
    public void Settings_Exclude_SkipsMatchingPaths()
    {
        Write("fixtures/bad/Dockerfile", Vulnerable);
        Write("app/Dockerfile", Vulnerable);
        var report = Scan(ConfigScanSettingsReader.Parse("exclude: [\"fixtures/**\"]\n", "s.yml"));
        Assert.All(report.Findings, f => Assert.StartsWith("app/", f.Location!.Path, StringComparison.Ordinal));
        Assert.NotEmpty(report.Findings);
    }

    [Theory]
    [InlineData("disable: [no-such-check]\n", "unknown check 'no-such-check'")]
    [InlineData("severity: { docker-root-user: severe }\n", "unknown severity 'severe'")]
    [InlineData("disabled: [docker-root-user]\n", "unknown key 'disabled'")]
    [InlineData("kinds: [helm]\n", "unknown kind 'helm'")]
    [InlineData("disable: [a\n", "invalid YAML")]
    public void Settings_RejectMistakes_WithPosition(string text, string fragment)
    {
        var e = Assert.Throws<ConfigSettingsException>(() => ConfigScanSettingsReader.Parse(text, "misconfig.yml"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("misconfig.yml:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_CarryRelativePathLineAndStableFingerprint()
    {
        Write("svc/Dockerfile", "FROM alpine:3.20\nUSER 1000\n");
        var first = Assert.Single(Scan().Findings);
        Assert.Equal(new SourceLocation("svc/Dockerfile", 1, 1), first.Location);
        Write("svc/Dockerfile", "# a comment moves the line\n\nFROM alpine:3.20\nUSER 1000\n");
        var second = Assert.Single(Scan().Findings);
        Assert.Equal(3, second.Location!.StartLine);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal("config-scan", second.Source);
    }

    [Fact]
    public void BrokenFiles_BecomeParseErrors_AndTheScanGoesOn()
    {
        Write(".github/workflows/bad.yml", "on: [push\njobs: {");
        Write("infra/main.tf", "resource \"aws_vpc\" \"x\" {\n");
        File.WriteAllBytes(Path.Combine(_root, "Dockerfile"), [0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]);
        Write("deploy/ok/Dockerfile", "FROM alpine:3.20\nUSER 1000\n");
        var report = Scan();
        Assert.Equal(3, report.Findings.Count(f => f.RuleId == "config-parse-error"));
        Assert.Contains(report.Findings, f => f.RuleId == "docker-image-no-digest");
    }

    [Fact]
    public void AliasBomb_IsScannedInLinearTime()
    {
        var text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: y}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 30; i++)
            text.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        Write("bomb.yaml", text.ToString());
        Write(".github/workflows/bomb.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps: &s\n      - run: echo\n" + text.ToString().Replace("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: y}\n", "", StringComparison.Ordinal));
        var report = Scan();
        Assert.Equal(2, report.FilesScanned);
    }

    [Fact]
    public void DeepNesting_IsAParseError_NotACrash()
    {
        Write("deep.yaml", "apiVersion: v1\nkind: X\nspec: " + new string('[', 20000) + new string(']', 20000) + "\n");
        Assert.Contains(Scan().Findings, f => f.RuleId == "config-parse-error");
    }

    [Fact]
    public void SymbolicLinks_AreNotFollowed()
    {
        var outside = Directory.CreateTempSubdirectory("rampart-outside-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(outside, "Dockerfile"), Vulnerable);
            Directory.CreateSymbolicLink(Path.Combine(_root, "linked"), outside);
            File.CreateSymbolicLink(Path.Combine(_root, "Dockerfile"), Path.Combine(outside, "Dockerfile"));
            Assert.Empty(Scan().Findings);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void StateFolder_IsSkipped_ButThePipelineFileIsAudited()
    {
        Write(".rampart/runs/1/copied/.github/workflows/x.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n");
        Write(".rampart/pipeline.yml", "name: x\njobs:\n  a:\n    network: all\n    steps:\n      - run: make\n");
        var report = Scan();
        Assert.Equal("rampart-network-all", Assert.Single(report.Findings).RuleId);
    }

    [Fact]
    public void UnrenderedHelmTemplates_AreSkipped()
    {
        Write("chart/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
        Assert.Equal(0, Scan().FilesScanned);
    }

    private static string Pod(string name) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{name}}, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: c
                  image: app:1
        """ + "\n";
}
