namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>Lines one commit added to one file, ready to scan.</summary>
internal sealed record HistoryPiece(ScanTarget Target, string Text);
