using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.SecretScan;

/// <summary>
/// One secret found. The secret itself is never kept: only a redacted preview and a fingerprint
/// (a truncated SHA-256 over path and secret) that stays the same when unrelated lines move.
/// </summary>
public sealed record SecretFinding
{
    public required string RuleId { get; init; }
    public required string Description { get; init; }
    public required Severity Severity { get; init; }
    public required string Path { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }
    public required int EndColumn { get; init; }
    public required string Redacted { get; init; }
    public required string Fingerprint { get; init; }
    public double Entropy { get; init; }
    public string? Commit { get; init; }
    public string? Author { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? Decoded { get; init; }

    public string Message
    {
        get
        {
            var where = Commit is null ? "" : $" (commit {Commit[..Math.Min(12, Commit.Length)]})";
            var decoded = Decoded is null ? "" : $" inside {Decoded}-encoded text";
            return $"{Description}: {Redacted}{decoded}{where}";
        }
    }

    public Finding ToFinding(string source = "secret-scan") =>
        new(RuleId, Severity, Message, new SourceLocation(Path, Line, Column, Line, EndColumn), Fingerprint) { Source = source };
}
