using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class NeedsTests
{
    [Fact]
    public void Parse_RefusesUnknownNeed_AndListsTheJobs()
    {
        Single("name: p\njobs:\n  lint:\n    steps: [{run: x}]\n  build:\n    needs: [lnit]\n    steps: [{run: y}]\n", 6, 13,
            "jobs.build.needs: 'lnit' is not a job in this file (jobs: lint, build)");
    }

    [Fact]
    public void Parse_RefusesSelfCycle_WithItsPath()
    {
        Single("name: p\njobs:\n  a:\n    needs: a\n    steps: [{run: x}]\n", 4, 12, "jobs.a.needs: dependency cycle: a -> a");
    }

    [Fact]
    public void Parse_RefusesThreeCycle_WithItsPath()
    {
        var yaml = "name: p\njobs:\n  a:\n    needs: [c]\n    steps: [{run: x}]\n  b:\n    needs: [a]\n    steps: [{run: x}]\n"
            + "  c:\n    needs: [b]\n    steps: [{run: x}]\n";

        Single(yaml, 7, 13, "jobs.b.needs: dependency cycle: a -> c -> b -> a");
    }

    [Fact]
    public void Parse_ReportsCycle_EvenBehindAnAcyclicPrefix()
    {
        var yaml = "name: p\njobs:\n  start:\n    steps: [{run: x}]\n  x:\n    needs: [start, y]\n    steps: [{run: x}]\n"
            + "  y:\n    needs: x\n    steps: [{run: x}]\n";

        Single(yaml, 9, 12, "jobs.y.needs: dependency cycle: x -> y -> x");
    }

    [Fact]
    public void Parse_RefusesRepeatedNeed()
    {
        Single("name: p\njobs:\n  a:\n    steps: [{run: x}]\n  b:\n    needs: [a, a]\n    steps: [{run: y}]\n", 6, 16, "'a' is listed twice");
    }

    [Fact]
    public void Parse_ChecksNeeds_EvenWhenTheNeededJobIsInvalid()
    {
        var result = Load("name: p\njobs:\n  a:\n    timeout: forever\n    steps: [{run: x}]\n  b:\n    needs: [a, zz]\n    steps: [{run: y}]\n");

        Assert.Collection(
            result.Diagnostics,
            d => AssertAt(d, 4, 14, "'forever' is not a duration"),
            d => AssertAt(d, 7, 16, "'zz' is not a job in this file"));
    }
}
