namespace Rampart.Security.Vulns.Osv;

/// <summary>A range: its type (SEMVER, ECOSYSTEM, GIT) and its events in file order.</summary>
public sealed record OsvRange(string Type, IReadOnlyList<OsvEvent> Events);
