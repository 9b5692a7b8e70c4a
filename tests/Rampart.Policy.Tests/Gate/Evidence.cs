using System.Text.Json.Nodes;
using Rampart.Core.Evidence;
using Rampart.Core.Findings;
using Rampart.Core.Policy;
using Rampart.Core.Runs;

namespace Rampart.Policy.Tests.Gate;

/// <summary>Evidence documents built the way the engine builds them.</summary>
internal static class Evidence
{
    public static JsonObject Run(IReadOnlyList<Finding>? findings = null, bool trusted = true, string @ref = "refs/heads/main")
    {
        var run = new RunRecord { Id = 7, Pipeline = "ci", Repository = "acme/app", Ref = @ref, Commit = "0123abcd", Event = trusted ? "push" : "pull_request", StartedAt = DateTimeOffset.UnixEpoch };
        var jobs = new List<JobRecord> { new() { RunId = 7, Name = "build", Status = Outcome.Succeeded } };
        var artifacts = new List<ArtifactRecord> { new(7, "build", "app.tar", Digest.Sha256("app"u8), 3) };
        return RunEvidence.Build(run, jobs, artifacts, findings ?? [], trusted);
    }

    public static Finding Finding(Severity severity, string rule = "aws-access-key") =>
        new(rule, severity, "AWS access key", new SourceLocation("config/app.env", 12, 5), "fp-1") { Source = "secret-scan" };
}
