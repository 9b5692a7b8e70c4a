namespace Rampart.Core.Findings;

/// <summary>Where a finding is: a path relative to the scanned root (forward slashes) and a 1-based region.</summary>
public sealed record SourceLocation(string Path, int StartLine = 0, int StartColumn = 0, int EndLine = 0, int EndColumn = 0);
