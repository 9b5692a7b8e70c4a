using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Policy.Gate;

namespace Rampart.Policy.Tests.Gate;

public sealed class RegoGatePolicyTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("rampart-policy-").FullName;

    private string Folder(string name, params (string File, string Text)[] files)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        foreach (var (file, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, file))!);
            File.WriteAllText(Path.Combine(dir, file), text);
        }

        return dir;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task DefaultPolicy_PassesCleanRun()
    {
        var decision = await RegoGatePolicy.Load(null, null).EvaluateAsync(Evidence.Run(), CancellationToken.None);
        Assert.True(decision.Passed, decision.Summary);
    }

    [Fact]
    public async Task DefaultPolicy_FailsOnHighFinding_WithReadableReason()
    {
        var decision = await RegoGatePolicy.Load(null, null).EvaluateAsync(Evidence.Run([Evidence.Finding(Severity.High)]), CancellationToken.None);
        Assert.False(decision.Passed);
        Assert.Equal("secret-scan: aws-access-key AWS access key at config/app.env:12 (high)", Assert.Single(decision.Reasons));
    }

    [Fact]
    public async Task DefaultPolicy_IgnoresFindingsBelowThreshold_AndOrganisationCanLowerIt()
    {
        var evidence = Evidence.Run([Evidence.Finding(Severity.Medium)]);
        Assert.True((await RegoGatePolicy.Load(null, null).EvaluateAsync(evidence, CancellationToken.None)).Passed);
        var org = Folder("org", ("rampart/config/data.json", """{"fail_on": "medium"}"""));
        Assert.False((await RegoGatePolicy.Load(org, null).EvaluateAsync(evidence, CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task Repository_CannotOverrideOrganisationDeny()
    {
        // Every trick a repository might try: its own allow, its own config data, redefining deny.
        var repo = Folder("repo",
            ("gate.rego", "package rampart.gate\n\nallow := true\n\ndeny := set()\n"),
            ("rampart/config/data.json", """{"fail_on": "critical"}"""));
        var decision = await RegoGatePolicy.Load(null, repo).EvaluateAsync(Evidence.Run([Evidence.Finding(Severity.High)]), CancellationToken.None);
        Assert.False(decision.Passed);
        Assert.Contains(decision.Reasons, r => r.StartsWith("secret-scan:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repository_CanAddItsOwnDenyRules()
    {
        var repo = Folder("repo", ("extra.rego", """
            package rampart.gate

            deny contains "only main may run this pipeline" if input.run.ref != "refs/heads/main"
            """));
        var decision = await RegoGatePolicy.Load(null, repo).EvaluateAsync(Evidence.Run(@ref: "refs/heads/feature"), CancellationToken.None);
        Assert.Equal(["only main may run this pipeline"], decision.Reasons);
    }

    [Fact]
    public async Task AllowRule_WhenDefined_MustBeTrue()
    {
        var org = Folder("org", ("allow.rego", "package rampart.gate\n\ndefault allow := false\n\nallow if input.run.trust == \"trusted\"\n"));
        var policy = RegoGatePolicy.Load(org, null);
        Assert.True((await policy.EvaluateAsync(Evidence.Run(), CancellationToken.None)).Passed);
        var denied = await policy.EvaluateAsync(Evidence.Run(trusted: false), CancellationToken.None);
        Assert.Contains("organisation policy: allow is not true", denied.Reasons);
    }

    [Fact]
    public async Task EvaluationError_FailsClosed()
    {
        var repo = Folder("repo", ("boom.rego", "package rampart.gate\n\nx := 1 if true\n\nx := 2 if true\n\ndeny contains \"never\" if x == 3\n"));
        var decision = await RegoGatePolicy.Load(null, repo).EvaluateAsync(Evidence.Run(), CancellationToken.None);
        Assert.False(decision.Passed);
        Assert.Contains(decision.Reasons, r => r.Contains("eval_conflict_error", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntaxErrorInRepositoryPolicy_IsReportedWithPosition()
    {
        var repo = Folder("repo", ("bad.rego", "package rampart.gate\n\ndeny contains msg if {\n  msg := \n}\n"));
        var e = Assert.Throws<RegoException>(() => RegoGatePolicy.Load(null, repo));
        Assert.StartsWith("repo:bad.rego:5:1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedRun_CannotDeploy_AndProductionNeedsTwoApprovals()
    {
        var policy = RegoGatePolicy.Load(null, null);
        var untrusted = Evidence.Run(trusted: false);
        untrusted["deploy"] = new JsonObject { ["environment"] = "staging" };
        Assert.Contains("untrusted pull_request run cannot deploy to staging", (await policy.EvaluateAsync(untrusted, CancellationToken.None)).Reasons);

        var prod = Evidence.Run();
        prod["deploy"] = new JsonObject { ["environment"] = "production" };
        prod["approvals"] = new JsonArray(new JsonObject { ["by"] = "alice" }, new JsonObject { ["by"] = "alice" });
        Assert.Contains("deploy to production needs 2 distinct approvals, has 1", (await policy.EvaluateAsync(prod, CancellationToken.None)).Reasons);
        prod["approvals"] = new JsonArray(new JsonObject { ["by"] = "alice" }, new JsonObject { ["by"] = "bob" });
        Assert.True((await policy.EvaluateAsync(prod, CancellationToken.None)).Passed);
    }

    [Fact]
    public void PolicyFolder_RefusesSymlinksAndOversizedFiles()
    {
        var outside = Folder("outside", ("secret.rego", "package x\n"));
        var repo = Folder("repo", ("ok.rego", "package rampart.gate\n"));
        File.CreateSymbolicLink(Path.Combine(repo, "link.rego"), Path.Combine(outside, "secret.rego"));
        var loaded = PolicyFolder.Load(repo);
        Assert.Single(loaded.Modules);

        File.WriteAllText(Path.Combine(repo, "big.rego"), "package big\n" + new string('#', 1 << 21));
        Assert.Throws<PolicyLoadException>(() => PolicyFolder.Load(repo));
    }

    [Fact]
    public void PolicyFolder_RefusesInvalidUtf8()
    {
        var repo = Folder("repo");
        File.WriteAllBytes(Path.Combine(repo, "bad.rego"), [0x70, 0x61, 0xff, 0xfe]);
        var e = Assert.Throws<PolicyLoadException>(() => PolicyFolder.Load(repo));
        Assert.Contains("not valid UTF-8", e.Message, StringComparison.Ordinal);
    }
}
