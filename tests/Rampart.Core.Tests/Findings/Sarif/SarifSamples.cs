using Rampart.Core.Findings;
using Rampart.Core.Findings.Sarif;

namespace Rampart.Core.Tests.Findings.Sarif;

/// <summary>Fixed inputs shared by the snapshot, unit and schema interop tests.</summary>
public static class SarifSamples
{
    public static SarifTool Tool { get; } = new("rampart", "0.1.0", "https://rampart.example/");

    public static IReadOnlyList<SarifRule> Rules { get; } =
    [
        new("secret-scan/aws-access-key", "AWS access key ID in source", "https://rampart.example/rules/aws-access-key", Severity.Critical),
        new("iac/k8s-privileged", "Kubernetes container runs privileged", null, Severity.High),
    ];

    /// <summary>Deliberately out of order; covers every severity, a synthesized rule, a missing region and a missing location.</summary>
    public static IReadOnlyList<Finding> BasicFindings { get; } =
    [
        new("iac/k8s-privileged", Severity.High, "Container 'web' runs privileged",
            new SourceLocation("deploy/k8s/web app.yaml", 12, 7, 12, 24), "k8s-7f3a9c01"),
        new("secret-scan/aws-access-key", Severity.Critical, "AWS access key ID \"AKIA…\" found (masked)",
            new SourceLocation("src/Config.cs", 3, 14, 3, 34), "aws-0b1c2d3e"),
        new("secret-scan/aws-access-key", Severity.Critical, "AWS access key ID found in a comment",
            new SourceLocation("src/Config.cs", 1, 4), "aws-99aa88bb"),
        new("workflow/unpinned-action", Severity.Medium, "Action \"actions/checkout@v4\" is not pinned to a commit",
            new SourceLocation(".github/workflows/ci.yml", 20, 15), "wf-5e6f7a8b"),
        new("iac/dockerfile-latest-tag", Severity.Low, "Base image uses the 'latest' tag",
            new SourceLocation("Dockerfile"), "df-01020304"),
        new("code/info-note", Severity.Info, "Analysis skipped 2 generated files", null, ""),
    ];
}
