namespace Rampart.Core.Audit.Storage;

/// <summary>A signed checkpoint as stored: its tree size, the signed note, and when it was made.</summary>
public sealed record StoredCheckpoint(long Size, string SignedNote, DateTimeOffset CreatedAt);
