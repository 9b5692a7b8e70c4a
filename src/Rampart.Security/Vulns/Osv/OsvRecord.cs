namespace Rampart.Security.Vulns.Osv;

/// <summary>The parts of an OSV record that matching and reporting use.</summary>
public sealed record OsvRecord(string Id, DateTimeOffset Modified, IReadOnlyList<string> Aliases, IReadOnlyList<OsvAffected> Affected)
{
    public DateTimeOffset? Withdrawn { get; init; }

    public string? Summary { get; init; }

    /// <summary>CVSS vectors by type (<c>CVSS_V3</c>, <c>CVSS_V4</c>, <c>CVSS_V2</c>).</summary>
    public IReadOnlyList<OsvSeverity> Severity { get; init; } = [];

    /// <summary>The database's own label, e.g. GitHub's <c>database_specific.severity</c> (LOW, MODERATE, HIGH, CRITICAL).</summary>
    public string? SeverityLabel { get; init; }

    /// <summary>The ids of related records (<c>related</c>), kept so they can be shown, never merged.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];
}
