namespace Rampart.Security.Scanning.SecretScan;

/// <summary>Findings in a stable order (path, line, column, rule) plus what was scanned.</summary>
public sealed record SecretScanResult(IReadOnlyList<SecretFinding> Findings, ScanStats Stats);
