namespace Rampart.Security.Vulns.Osv;

/// <summary>One <c>affected[]</c> entry: the package, its ranges and its explicit version list.</summary>
public sealed record OsvAffected(string Ecosystem, string Name, IReadOnlyList<OsvRange> Ranges, IReadOnlyList<string> Versions)
{
    /// <summary>A per-package severity label (<c>ecosystem_specific.severity</c> or <c>database_specific.severity</c>).</summary>
    public string? SeverityLabel { get; init; }
}
