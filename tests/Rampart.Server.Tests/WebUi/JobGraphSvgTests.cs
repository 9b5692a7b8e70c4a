using System.Xml.Linq;
using Rampart.Core.Runs;
using Rampart.Server.WebUi.Svg;

namespace Rampart.Server.Tests.WebUi;

public sealed class JobGraphSvgTests
{
    [Fact]
    public void Graph_PlacesEachJobAfterEveryJobItNeeds_WithOneEdgePerNeed_AndColoursByStatus()
    {
        JobRecord[] jobs =
        [
            new() { RunId = 1, Name = "lint", Status = Outcome.Succeeded },
            new() { RunId = 1, Name = "build", Status = Outcome.Succeeded },
            new() { RunId = 1, Name = "test", Status = Outcome.Failed },
            new() { RunId = 1, Name = "deploy", Status = Outcome.Skipped },
        ];
        var needs = new Dictionary<string, IReadOnlyList<string>>
        {
            ["test"] = ["build"], ["deploy"] = ["test", "lint"],
        };

        var svg = XDocument.Parse(JobGraphSvg.Render(jobs, needs).Value);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var boxes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "node")
            .ToDictionary(g => g.Element(ns + "title")!.Value.Split(':')[0], g => g.Element(ns + "rect")!);
        double X(string job) => double.Parse(boxes[job].Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(X("lint"), X("build"));
        Assert.True(X("test") > X("build"));
        Assert.True(X("deploy") > X("test"));
        Assert.Equal(3, svg.Descendants(ns + "path").Count(p => (string?)p.Attribute("class") == "edge"));
        Assert.Equal("#c62828", boxes["test"].Attribute("fill")!.Value);
        Assert.Equal("#2e7d32", boxes["build"].Attribute("fill")!.Value);
    }

    [Fact]
    public void Graph_EncodesJobNames()
    {
        JobRecord[] jobs = [new() { RunId = 1, Name = "<x onload=alert(1)>", Status = Outcome.Pending }];
        var text = JobGraphSvg.Render(jobs, new Dictionary<string, IReadOnlyList<string>>()).Value;
        Assert.DoesNotContain("<x onload", text, StringComparison.Ordinal);
        XDocument.Parse(text);
    }
}
