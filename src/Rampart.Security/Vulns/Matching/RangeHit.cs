namespace Rampart.Security.Vulns.Matching;

/// <summary>Why a version is affected (the range or list that matched, as text) and the version that fixes it, if any.</summary>
public sealed record RangeHit(string MatchedRange, string? FixedVersion);
