namespace Rampart.Policy.Tests.Language;

/// <summary>Built-ins behave as OPA's do on the edges the conformance cases touch.</summary>
public sealed class BuiltinFidelityTests
{
    [Theory]
    [InlineData("units.parse(\"1g\")", "1000000000")]
    [InlineData("units.parse(\"1KI\")", "1024")]
    [InlineData("units.parse(\"1mi\")", "1048576")]
    [InlineData("units.parse(\"1m\")", "0.001")]
    [InlineData("units.parse(\"2M\")", "2000000")]
    [InlineData("glob.match(\"*hub.com\", null, \"api.cdn.github.com\")", "true")]
    [InlineData("glob.match(\"*hub.com\", [], \"api.cdn.github.com\")", "false")]
    [InlineData("json.filter({\"a\": [1, 2]}, [[\"a\", 1]])", "{\"a\":[]}")]
    [InlineData("json.filter({\"a\": [1, 2]}, [\"a/1\"])", "{\"a\":[2]}")]
    [InlineData("json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}, {\"op\": \"add\", \"path\": \"\", \"value\": 2}])", "2")]
    public void Builtin_MatchesOpa(string call, string json) =>
        Assert.Equal(json, Rego.Json("package p\nx := " + call + "\n", "data.p.x"));

    [Fact]
    public void UuidParse_ReportsVersion1Fields()
    {
        Assert.Equal(
            """{"clocksequence":555,"macvariables":"local:unicast","nodeid":"7a-b0-b9-e5-e0-c0","time":1703282931110717000,"variant":"RFC4122","version":1}""",
            Rego.Json("package p\nx := uuid.parse(\"b01d0062-a116-11ee-822b-7ab0b9e5e0c0\")\n", "data.p.x"));
        Assert.Equal("""{"time":1645557742000000000,"variant":"RFC4122","version":7}""", Rego.Json("package p\nx := uuid.parse(\"017F22E2-79B0-7CC3-98C4-DC0C0C07398F\")\n", "data.p.x"));
        Assert.Null(Rego.Json("package p\nx := uuid.parse(\"not-a-uuid\")\n", "data.p.x"));
    }

    [Fact]
    public void JsonPatch_RemovingTheRoot_IsUndefined() =>
        Assert.Null(Rego.Json("package p\nx := json.patch({\"a\": 1}, [{\"op\": \"remove\", \"path\": \"\"}])\n", "data.p.x"));
}
