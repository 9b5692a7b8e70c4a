namespace Rampart.Security.Signing.Bundles;

/// <summary>A transparency log entry as a bundle carries it.</summary>
public sealed record TlogEntry(
    long LogIndex,
    ReadOnlyMemory<byte> LogKeyId,
    string Kind,
    string KindVersion,
    long IntegratedTime,
    ReadOnlyMemory<byte>? SignedEntryTimestamp,
    ReadOnlyMemory<byte> CanonicalizedBody,
    InclusionProof? Proof);
