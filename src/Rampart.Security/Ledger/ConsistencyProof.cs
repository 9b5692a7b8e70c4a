namespace Rampart.Security.Ledger;

/// <summary>RFC 9162 consistency proof that the tree of <paramref name="Size2"/> entries extends the one of <paramref name="Size1"/>.</summary>
public sealed record ConsistencyProof(long Size1, long Size2, byte[] Root1, byte[] Root2, IReadOnlyList<byte[]> Hashes);
