using Rampart.Engine.Pipeline;
using static Rampart.Engine.Tests.Pipeline.PipelineAssert;

namespace Rampart.Engine.Tests.Pipeline;

public sealed class JobGraphTests
{
    // deploy needs test+package; test and package need build; docs stands alone; build needs lint.
    private static readonly PipelineDefinition Pipeline = Valid("""
        name: p
        jobs:
          deploy:
            needs: [test, package]
            steps: [{run: x}]
          docs:
            steps: [{run: x}]
          package:
            needs: build
            steps: [{run: x}]
          test:
            needs: [build]
            steps: [{run: x}]
          build:
            needs: lint
            steps: [{run: x}]
          lint:
            steps: [{run: x}]
        """);

    [Fact]
    public void TopologicalOrder_PutsNeedsFirst_AndKeepsFileOrderAmongReadyJobs()
    {
        var graph = JobGraph.Build(Pipeline);

        Assert.Equal(["docs", "lint", "build", "package", "test", "deploy"], graph.TopologicalOrder);
    }

    [Fact]
    public void TopologicalOrder_IsFileOrder_WhenNoJobNeedsAnother()
    {
        var graph = JobGraph.Build(Valid("name: p\njobs:\n  z:\n    steps: [{run: x}]\n  a:\n    steps: [{run: x}]\n  m:\n    steps: [{run: x}]\n"));

        Assert.Equal(["z", "a", "m"], graph.TopologicalOrder);
    }

    [Fact]
    public void Dependants_AreTransitive_InTopologicalOrder()
    {
        var graph = JobGraph.Build(Pipeline);

        Assert.Equal(["build", "package", "test", "deploy"], graph.Dependants("lint"));
        Assert.Equal(["deploy"], graph.Dependants("test"));
        Assert.Empty(graph.Dependants("deploy"));
        Assert.Empty(graph.Dependants("docs"));
    }

    [Fact]
    public void DirectNeeds_AreTheNeedsAsWritten()
    {
        var graph = JobGraph.Build(Pipeline);

        Assert.Equal(["test", "package"], graph.DirectNeeds("deploy"));
        Assert.Equal(["build"], graph.DirectNeeds("package"));
        Assert.Empty(graph.DirectNeeds("lint"));
    }

    [Fact]
    public void Queries_ThrowForUnknownJob()
    {
        var graph = JobGraph.Build(Pipeline);

        Assert.Throws<KeyNotFoundException>(() => graph.Dependants("nope"));
        Assert.Throws<KeyNotFoundException>(() => graph.DirectNeeds("nope"));
    }

    [Fact]
    public void Build_RefusesUnvalidatedCycle()
    {
        var a = Pipeline.Jobs[0] with { Name = "a", Needs = ["b"] };
        var b = Pipeline.Jobs[0] with { Name = "b", Needs = ["a"] };

        Assert.Throws<ArgumentException>(() => JobGraph.Build(Pipeline with { Jobs = [a, b] }));
    }

    [Fact]
    public void Build_RefusesUnvalidatedUnknownNeed()
    {
        var a = Pipeline.Jobs[0] with { Name = "a", Needs = ["ghost"] };

        Assert.Throws<ArgumentException>(() => JobGraph.Build(Pipeline with { Jobs = [a] }));
    }
}
