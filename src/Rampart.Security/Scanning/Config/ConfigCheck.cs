using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// One misconfiguration check: a stable kebab-case id, a default severity, why the problem matters
/// and how to fix it. <paramref name="Reference"/> is an outside page that explains the risk (absolute URI).
/// </summary>
public sealed record ConfigCheck(string Id, ConfigKind Kind, Severity Severity, string Title, string Why, string Fix, string Reference)
{
    /// <summary>The rule page in this repository, relative to its root.</summary>
    public string DocsPath => $"docs/rules/{Id}.md";
}
