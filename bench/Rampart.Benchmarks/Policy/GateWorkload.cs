using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Policy;
using Rampart.Core.Runs;
using Rampart.Policy;
using Rampart.Policy.Values;

namespace Rampart.Benchmarks.Policy;

/// <summary>
/// A realistic gate input: 8 jobs, 25 artifacts, 60 findings from four scanners (mostly below
/// the threshold, as in a healthy repository), 30 SBOM vulnerabilities, two approvals, a
/// production deploy; and a generated 1,000-rule policy set over the same document.
/// </summary>
public static class GateWorkload
{
    public static JsonObject Evidence()
    {
        var run = new RunRecord { Id = 42, Pipeline = "release", Repository = "acme/shop", Ref = "refs/heads/main", Commit = "9f2c1e7", Event = "push", StartedAt = DateTimeOffset.UnixEpoch };
        var jobs = Enumerable.Range(0, 8).Select(i => new JobRecord { RunId = 42, Name = "job-" + i, Status = Outcome.Succeeded }).ToList();
        var artifacts = Enumerable.Range(0, 25).Select(i => new ArtifactRecord(42, "job-" + (i % 8), $"dist/pkg-{i}.tar.gz", Digest.Sha256(Encoding.UTF8.GetBytes("a" + i)), 1000 + i)).ToList();
        string[] sources = ["secret-scan", "iac-scan", "code-scan", "pipeline-audit"];
        var findings = Enumerable.Range(0, 60).Select(i => new Finding($"rule-{i % 13}", i % 20 == 0 ? Severity.Medium : Severity.Low, $"finding number {i}", new SourceLocation($"src/file{i}.cs", i + 1, 3), "fp" + i) { Source = sources[i % 4] }).ToList();
        var doc = RunEvidence.Build(run, jobs, artifacts, findings, trusted: true);
        doc["commit"]!["signature"] = new JsonObject { ["verified"] = true, ["key"] = "SHA256:abc" };
        doc["vulnerabilities"] = new JsonArray(Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = "GHSA-" + i.ToString("0000", CultureInfo.InvariantCulture),
            ["package"] = $"pkg:npm/lib{i}@1.{i}.0",
            ["severity"] = i % 3 == 0 ? "medium" : "low",
        }).ToArray());
        doc["deploy"] = new JsonObject { ["environment"] = "production" };
        doc["approvals"] = new JsonArray(new JsonObject { ["by"] = "alice" }, new JsonObject { ["by"] = "bob" });
        return doc;
    }

    public static Value EvidenceValue() => ValueJson.FromNode(Evidence());

    /// <summary>1,000 deny rules of the kinds teams write: field checks, iteration with a condition, lookups.</summary>
    public static RegoPolicy ThousandRules()
    {
        var sb = new StringBuilder("package rampart.gate\n\n");
        for (var i = 0; i < 1000; i++)
        {
            switch (i % 4)
            {
                case 0:
                    sb.Append(CultureInfo.InvariantCulture, $"deny contains \"rule {i}: forbidden repository\" if input.run.repository == \"acme/forbidden-{i}\"\n\n");
                    break;
                case 1:
                    sb.Append(CultureInfo.InvariantCulture, $"deny contains msg if {{\n\tsome f in input.findings\n\tf.rule == \"banned-{i}\"\n\tmsg := sprintf(\"rule {i}: %s\", [f.message])\n}}\n\n");
                    break;
                case 2:
                    sb.Append(CultureInfo.InvariantCulture, $"deny contains \"rule {i}: artifact too large\" if {{\n\tsome a in input.artifacts\n\ta.size > {1_000_000 + i}\n}}\n\n");
                    break;
                default:
                    sb.Append(CultureInfo.InvariantCulture, $"deny contains \"rule {i}: vulnerable package\" if {{\n\tsome v in input.vulnerabilities\n\tv.package == \"pkg:npm/evil-{i}@1.0.0\"\n}}\n\n");
                    break;
            }
        }

        return RegoPolicy.Compile([new RegoModuleSource("thousand.rego", sb.ToString())]);
    }
}
