namespace Rampart.Security.Vault;

/// <summary>What a master key rotation did. <see cref="Unreadable"/> lists entry files it had to leave as they were.</summary>
public sealed record RotationResult(string OldKeyId, string NewKeyId, int Entries, int Versions, IReadOnlyList<string> Unreadable);
