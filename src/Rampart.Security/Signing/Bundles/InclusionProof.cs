namespace Rampart.Security.Signing.Bundles;

/// <summary>An RFC 6962 audit path from a log entry to a signed tree head (checkpoint).</summary>
public sealed record InclusionProof(long LogIndex, long TreeSize, ReadOnlyMemory<byte> RootHash, IReadOnlyList<ReadOnlyMemory<byte>> Hashes, string? Checkpoint);
