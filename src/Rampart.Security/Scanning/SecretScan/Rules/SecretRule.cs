using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.SecretScan.Rules;

/// <summary>
/// One detection rule, as data. <see cref="Regex"/> uses RE2/.NET common syntax (gitleaks' dialect is
/// translated on load); the secret is <see cref="SecretGroup"/> (0: the first capture group that
/// matched, else the whole match). A rule with only <see cref="Path"/> flags the file itself.
/// </summary>
public sealed record SecretRule
{
    public required string Id { get; init; }
    public string Description { get; init; } = "";
    public Severity Severity { get; init; } = Severity.High;

    /// <summary>Lower-case literals; the regex runs only on lines holding one (case-insensitive).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public string? Regex { get; init; }
    public int SecretGroup { get; init; }

    /// <summary>Minimum Shannon entropy (bits per character) of the secret; 0 turns the check off.</summary>
    public double Entropy { get; init; }

    /// <summary>Only files whose path (forward slashes, relative) matches this regex are checked.</summary>
    public string? Path { get; init; }

    /// <summary>A structural check a match must pass (<see cref="Engine.SecretValidators"/>), null for none.</summary>
    public string? Validator { get; init; }

    /// <summary>True when a match can span lines (PEM blocks): the regex then sees up to 64 KiB after the keyword.</summary>
    public bool Multiline { get; init; }

    /// <summary>Placeholders (EXAMPLE, xxxx, ${VAR}) are findings for this rule too (private key bodies).</summary>
    public bool KeepPlaceholders { get; init; }

    /// <summary>
    /// Built from <c>keys</c> + <c>value</c>: the match starts at a key and an assignment operator
    /// follows it, which lets the scanner skip keyword hits that are not assignments.
    /// </summary>
    public bool Assignment { get; init; }

    public IReadOnlyList<SecretAllowlist> Allowlists { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
}
