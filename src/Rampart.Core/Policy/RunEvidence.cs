using System.Text.Json.Nodes;
using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Core.Policy;

/// <summary>
/// Builds the evidence document a gate policy reads as <c>input</c>. The shape is a public
/// contract (docs/policy.md): add fields, never rename or remove them.
/// </summary>
public static class RunEvidence
{
    public const int SchemaVersion = 1;

    public static JsonObject Build(RunRecord run, IReadOnlyList<JobRecord> jobs, IReadOnlyList<ArtifactRecord> artifacts, IReadOnlyList<Finding> findings, bool trusted)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(findings);
        var doc = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["run"] = new JsonObject
            {
                ["id"] = run.Id,
                ["pipeline"] = run.Pipeline,
                ["repository"] = run.Repository,
                ["ref"] = run.Ref,
                ["event"] = run.Event,
                ["trust"] = trusted ? "trusted" : "untrusted",
                ["started_at"] = run.StartedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
            ["commit"] = new JsonObject { ["sha"] = run.Commit },
            ["jobs"] = new JsonArray(jobs.Select(j => (JsonNode)new JsonObject
            {
                ["name"] = j.Name,
                ["status"] = j.Status.ToString().ToLowerInvariant(),
                ["environment"] = j.Environment,
            }).ToArray()),
            ["artifacts"] = new JsonArray(artifacts.Select(a => (JsonNode)new JsonObject
            {
                ["job"] = a.Job,
                ["name"] = a.Name,
                ["digest"] = a.Digest.ToString(),
                ["size"] = a.Size,
            }).ToArray()),
            ["findings"] = new JsonArray(findings.Select(Finding).ToArray()),
        };
        return doc;
    }

    private static JsonNode Finding(Finding f)
    {
        var o = new JsonObject
        {
            ["source"] = f.Source,
            ["rule"] = f.RuleId,
            ["severity"] = f.Severity.ToString().ToLowerInvariant(),
            ["message"] = f.Message,
            ["fingerprint"] = f.Fingerprint,
        };
        if (f.Location is { } l)
            o["location"] = new JsonObject { ["path"] = l.Path, ["line"] = l.StartLine, ["column"] = l.StartColumn };
        return o;
    }
}
