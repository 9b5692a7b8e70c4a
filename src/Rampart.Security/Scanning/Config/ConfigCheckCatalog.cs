using Rampart.Core.Findings.Sarif;
using Rampart.Security.Scanning.Config.Dockerfile;
using Rampart.Security.Scanning.Config.Kubernetes;
using Rampart.Security.Scanning.Config.Terraform;
using Rampart.Security.Scanning.Config.Workflows;

namespace Rampart.Security.Scanning.Config;

/// <summary>Every misconfiguration check, ordered by kind then id, and their SARIF rules.</summary>
public static class ConfigCheckCatalog
{
    /// <summary>Where rule pages are published; SARIF help URIs are this plus <c>&lt;id&gt;.md</c>.</summary>
    public const string DefaultDocsBaseUri = "https://rampart.example/docs/rules/";

    public static IReadOnlyList<ConfigCheck> All { get; } =
    [
        .. GeneralChecks.All, .. WorkflowChecks.All, .. KubernetesChecks.All, .. DockerfileChecks.All, .. TerraformChecks.All,
    ];

    private static readonly Lazy<Dictionary<string, ConfigCheck>> ById = new(() => All!.ToDictionary(c => c.Id, StringComparer.Ordinal));

    public static ConfigCheck? Find(string id) => ById.Value.GetValueOrDefault(id);

    public static IReadOnlyList<SarifRule> SarifRules(string docsBaseUri = DefaultDocsBaseUri) =>
        [.. All.Select(c => new SarifRule(c.Id, c.Title, docsBaseUri + c.Id + ".md", c.Severity))];
}
