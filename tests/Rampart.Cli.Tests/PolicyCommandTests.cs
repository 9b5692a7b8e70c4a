namespace Rampart.Cli.Tests;

/// <summary><c>rampart policy eval</c> / <c>test</c> through the real program: output, exit codes, one-line errors.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rampart-policy-cli-").FullName;

    public PolicyCommandTests()
    {
        File.WriteAllText(Path.Combine(dir, "app.rego"), """
            package app

            default allow := false

            allow if input.user == "alice"

            deny contains msg if {
                some c in input.images
                not startswith(c, "registry.example/")
                msg := sprintf("image %s not allowed", [c])
            }
            """);
        File.WriteAllText(Path.Combine(dir, "app_test.rego"), """
            package app

            test_alice_allowed if allow with input as {"user": "alice"}

            test_bob_allowed if allow with input as {"user": "bob"}
            """);
        File.WriteAllText(Path.Combine(dir, "input.json"), """{"user":"alice","images":["docker.example/x","registry.example/y"]}""");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Eval_PrintsValueAsJson()
    {
        var r = await CliProcess.RunAsync(dir, "policy", "eval", "--data", "app.rego", "--input", "input.json", "data.app.deny");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("[\"image docker.example/x not allowed\"]", r.Stdout.Trim());
    }

    [Fact]
    public async Task Eval_Undefined_PrintsNothingAndExits1()
    {
        var r = await CliProcess.RunAsync(dir, "policy", "eval", "--data", "app.rego", "data.app.nothing");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task Eval_JsonFormat_IsOpaResultDocument()
    {
        var r = await CliProcess.RunAsync(dir, "policy", "eval", "-d", "app.rego", "-i", "input.json", "--format", "json", "x := data.app.allow");
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("result")[0].GetProperty("bindings").GetProperty("x").GetBoolean());
    }

    [Fact]
    public async Task Eval_SyntaxError_IsFileLineColumn_Exit2()
    {
        File.WriteAllText(Path.Combine(dir, "bad.rego"), "package bad\n\np if {\n  x := [1,\n}\n");
        var r = await CliProcess.RunAsync(dir, "policy", "eval", "--data", "bad.rego", "data.bad.p");
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.StartsWith("bad.rego:5:1: rego_parse_error:", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Test_ReportsFailures_AndExits1()
    {
        var r = await CliProcess.RunAsync(dir, "policy", "test", ".");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("data.app.test_bob_allowed: FAIL", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS: 1/2", r.Stdout, StringComparison.Ordinal);
    }
}
