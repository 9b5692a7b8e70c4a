namespace Rampart.Security.Scanning.SecretScan.Rules;

/// <summary>What to ignore. With <see cref="MatchAll"/> every criterion given must match (gitleaks' AND).</summary>
public sealed record SecretAllowlist
{
    public string Description { get; init; } = "";
    public bool MatchAll { get; init; }
    public IReadOnlyList<string> Paths { get; init; } = [];
    public IReadOnlyList<string> Regexes { get; init; } = [];
    public AllowTarget RegexTarget { get; init; } = AllowTarget.Secret;
    public IReadOnlyList<string> StopWords { get; init; } = [];
    public IReadOnlyList<string> Commits { get; init; } = [];

    /// <summary>For a global allowlist: only these rules (empty: all).</summary>
    public IReadOnlyList<string> TargetRules { get; init; } = [];

    public bool IsEmpty => Paths.Count == 0 && Regexes.Count == 0 && StopWords.Count == 0 && Commits.Count == 0;
}
