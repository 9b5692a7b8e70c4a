using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class PipelineLoaderSecurityTests
{
    [Fact]
    public void Parse_RefusesTemplateExpressionInRun_AndSaysHowContextsArrive()
    {
        var yaml = WithJob("steps:\n  - run: echo \"${{ github.event.issue.title }}\"");

        var diagnostic = Single(yaml, 5, 14, "jobs.build.steps[0].run: template expressions (${{ ... }}) are not allowed");

        Assert.Contains("only as RAMPART_* environment variables", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesTemplateExpression_InsideMultiLineScript()
    {
        var yaml = WithJob("steps:\n  - run: |\n      echo start\n      git checkout ${{github.head_ref}}");

        Single(yaml, 5, 14, "template expressions");
    }

    [Theory]
    [InlineData("name: p\nenv: { T: \"${{ secrets.X }}\" }\njobs:\n  a:\n    steps: [{run: x}]\n", 2, 11, "env.T:")]
    [InlineData("name: p\njobs:\n  a:\n    env: { T: 'a${{b}}' }\n    steps: [{run: x}]\n", 4, 15, "jobs.a.env.T:")]
    [InlineData("name: p\njobs:\n  a:\n    steps: [{run: x, env: { T: \"${{b}}\" }}]\n", 4, 32, "jobs.a.steps[0].env.T:")]
    public void Parse_RefusesTemplateExpressionInEnvValues_AtEveryLevel(string yaml, int line, int column, string path)
    {
        Single(yaml, line, column, path + " template expressions");
    }

    [Theory]
    [InlineData("RAMPART_TOKEN")]
    [InlineData("rampart_branch")]
    public void Parse_RefusesReservedEnvNames(string name)
    {
        Single(WithJob($"env: {{ {name}: x }}\nsteps: [{{run: x}}]"), 4, 12, "names starting with RAMPART_ are reserved");
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("\"A B\"")]
    public void Parse_RefusesInvalidEnvNames(string name)
    {
        Single($"name: p\nenv:\n  {name}: x\njobs:\n  a:\n    steps: [{{run: x}}]\n", 3, 3, "not a valid variable name");
    }

    [Theory]
    [InlineData("{ A: [1] }", 11, "env.A: must be a string, not a list")]
    [InlineData("{ A: }", 11, "env.A: must be a string, not null")]
    [InlineData("[A]", 6, "env: must be a mapping of NAME: value")]
    public void Parse_RefusesNonLiteralEnvValues(string env, int column, string message)
    {
        Single($"name: p\nenv: {env}\njobs:\n  a:\n    steps: [{{run: x}}]\n", 2, column, message);
    }

    [Fact]
    public void Parse_RefusesUnknownRootKey_NamingTheAllowedKeys()
    {
        Single("name: p\npermissions: write-all\njobs:\n  a:\n    steps: [{run: x}]\n", 2, 1,
            "pipeline: unknown key 'permissions'; allowed keys: name, on, env, gate, jobs");
    }

    [Fact]
    public void Parse_RefusesUnknownJobKey_NamingTheAllowedKeys()
    {
        Single(WithJob("services: [db]\nsteps: [{run: x}]"), 4, 5,
            "jobs.build: unknown key 'services'; allowed keys: needs, runs-on, timeout, permissions, network, environment, limits, env, artifacts, steps");
    }

    [Fact]
    public void Parse_RunsOnLabels_AcceptsOneOrAList_AndRefusesBadLabels()
    {
        var one = Rampart.Engine.Pipeline.PipelineLoader.Parse("name: p\njobs:\n  build:\n    runs-on: linux\n    steps: [{run: x}]\n", "p.yml");
        var list = Rampart.Engine.Pipeline.PipelineLoader.Parse("name: p\njobs:\n  build:\n    runs-on: [linux, x64, linux]\n    steps: [{run: x}]\n", "p.yml");
        Assert.Equal(["linux"], one.Pipeline!.Jobs[0].RunsOn);
        Assert.Equal(["linux", "x64"], list.Pipeline!.Jobs[0].RunsOn);
        Single(WithJob("runs-on: Ubuntu Latest\nsteps: [{run: x}]"), 4, 14,
            "jobs.build.runs-on: 'Ubuntu Latest' is not a valid runner label ([a-z0-9][a-z0-9._-]*, at most 64 characters)");
    }

    [Fact]
    public void Parse_RefusesUnknownStepKey()
    {
        Single(WithJob("steps:\n  - run: x\n    uses: actions/checkout@v4"), 6, 9,
            "jobs.build.steps[0]: unknown key 'uses'; allowed keys: name, run, env, timeout");
    }

    [Fact]
    public void Parse_RefusesUnknownPermissionsKey()
    {
        Single(WithJob("permissions:\n  contents: write\nsteps: [{run: x}]"), 5, 7,
            "jobs.build.permissions: unknown key 'contents'; allowed keys: id-token, secrets");
    }

    [Theory]
    [InlineData("on: { push: { tags: [v1] } }", 15, "on.push: unknown key 'tags'; allowed keys: branches")]
    [InlineData("on: { pull_request_target: }", 7, "on: unknown key 'pull_request_target'; allowed keys: push, pull_request")]
    [InlineData("on: [push, schedule]", 12, "on: unknown event 'schedule'")]
    [InlineData("on: []", 5, "on: must name at least one event")]
    [InlineData("on: { push: { branches: [\"a b\"] } }", 26, "on.push.branches: 'a b' is not a branch pattern")]
    [InlineData("gate: { fail-on: high, warn-on: low }", 24, "gate: unknown key 'warn-on'; allowed keys: fail-on")]
    [InlineData("gate: { fail-on: severe }", 18, "gate.fail-on: 'severe' is not one of")]
    public void Parse_RefusesUnknownTriggerAndGateSettings(string line, int column, string message)
    {
        Single(line + "\nname: p\njobs:\n  a:\n    steps: [{run: x}]\n", 1, column, message);
    }

    [Theory]
    [InlineData("id-token: read", 17, "'read' is not allowed; use 'write' or 'none'")]
    [InlineData("secrets: [nuget_token]", 17, "'nuget_token' is not a valid secret name")]
    [InlineData("secrets: [RAMPART_SIGNING_KEY]", 17, "names starting with RAMPART_ are reserved")]
    [InlineData("secrets: [A, A]", 20, "'A' is listed twice")]
    [InlineData("secrets: A", 16, "must be a list, not a string")]
    public void Parse_RefusesBadPermissions(string permission, int column, string message)
    {
        Single(WithJob($"permissions:\n  {permission}\nsteps: [{{run: x}}]"), 5, column, message);
    }

    [Fact]
    public void Parse_RequiresJobs()
    {
        Single("name: p\n", 1, 1, "pipeline: missing required key 'jobs'");
    }

    [Fact]
    public void Parse_RequiresName()
    {
        Single("jobs:\n  a:\n    steps: [{run: x}]\n", 1, 1, "pipeline: missing required key 'name'");
    }

    [Fact]
    public void Parse_RequiresAtLeastOneJob()
    {
        Single("name: p\njobs: {}\n", 2, 7, "jobs: must define at least one job");
    }

    [Fact]
    public void Parse_RequiresStepsInEveryJob()
    {
        var result = Load("name: p\njobs:\n  a:\n    timeout: 5m\n  b:\n    steps: []\n");

        Assert.Collection(
            result.Diagnostics,
            d => AssertAt(d, 4, 5, "jobs.a: missing required key 'steps'"),
            d => AssertAt(d, 6, 12, "jobs.b.steps: a job needs at least one step"));
    }

    [Theory]
    [InlineData("- name: x", 5, 9, "jobs.build.steps[0]: missing required key 'run'")]
    [InlineData("- run: \"  \"", 5, 14, "jobs.build.steps[0].run: must not be empty")]
    [InlineData("- run:", 5, 13, "jobs.build.steps[0].run: must be a string, not null")]
    [InlineData("- echo hi", 5, 9, "jobs.build.steps[0]: must be a mapping, not a string")]
    public void Parse_RefusesStepsWithoutAScript(string step, int line, int column, string message)
    {
        Single(WithJob("steps:\n  " + step), line, column, message);
    }

    [Fact]
    public void Parse_ReportsAllProblemsInOnePass_SortedByPosition()
    {
        var yaml = "name: bad name!\njobs:\n  Build:\n    timeout: 7h\n    steps:\n      - run: echo ${{ x }}\n        shell: pwsh\n";

        var result = Load(yaml);

        Assert.Equal(
            [(1, 7), (3, 3), (4, 14), (6, 14), (7, 9)],
            result.Diagnostics.Select(d => (d.Line, d.Column)));
        Assert.Equal(
            ".rampart/pipeline.yml:1:7: name: 'bad name!' is not a valid pipeline name ([A-Za-z0-9._-], 1 to 100 characters)",
            result.Diagnostics[0].ToString());
    }
}
