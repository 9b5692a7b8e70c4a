namespace Rampart.Security.Scanning.Config;

/// <summary>A file handed to an analyzer: its path relative to the scanned root (forward slashes) and its text.</summary>
internal sealed record ConfigFile(string RelativePath, string FullPath, string Text, ConfigFileType Type);
