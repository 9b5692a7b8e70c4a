namespace Rampart.Security.Ledger;

/// <summary>RFC 9162 inclusion proof of the entry at <paramref name="Index"/> in the tree of <paramref name="TreeSize"/> entries.</summary>
public sealed record InclusionProof(long Index, long TreeSize, byte[] LeafHash, IReadOnlyList<byte[]> Hashes, byte[] RootHash);
