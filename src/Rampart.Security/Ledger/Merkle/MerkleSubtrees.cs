using System.Numerics;
using System.Security.Cryptography;

namespace Rampart.Security.Ledger.Merkle;

/// <summary>
/// Proofs about a subtree <c>[start, end)</c> of a log, as Merkle Tree Certificates use them
/// (draft-ietf-plants-merkle-tree-certs): a subtree is valid when <c>start &lt; end</c> and
/// <c>start</c> is a multiple of the smallest power of two ≥ <c>end - start</c>, so its hash is
/// MTH(D[start:end]). With <c>start = 0</c> these reduce to the RFC 9162 proofs.
/// </summary>
public static class MerkleSubtrees
{
    public static bool IsValid(long start, long end)
    {
        if (start < 0 || end <= start)
            return false;
        var width = (long)BitOperations.RoundUpToPowerOf2((ulong)(end - start));
        return start % width == 0;
    }

    /// <summary>An inclusion proof of leaf <paramref name="index"/> in the subtree whose hash is <paramref name="subtreeHash"/>.</summary>
    public static bool VerifyInclusion(long index, long start, long end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (!IsValid(start, end) || index < start || index >= end)
            return false;
        return MerkleProofs.VerifyInclusion(index - start, end - start, leafHash, proof, subtreeHash);
    }

    /// <summary>
    /// A proof that the subtree <c>[start, end)</c> with hash <paramref name="subtreeHash"/> is part of
    /// the tree of <paramref name="size"/> leaves with root <paramref name="root"/>.
    /// </summary>
    public static bool VerifyConsistency(long start, long end, long size, ReadOnlySpan<byte> subtreeHash, ReadOnlySpan<byte> root, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        // An empty subtree is part of every tree that reaches its position; its hash must be the empty root.
        if (start == end && start >= 0 && end <= size)
            return proof.Count == 0 && subtreeHash.SequenceEqual(MerkleHash.EmptyRoot());
        if (!IsValid(start, end) || end > size)
            return false;
        if (start == 0 && end == size)
            return proof.Count == 0 && subtreeHash.SequenceEqual(root);
        if (subtreeHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size || proof.Any(p => p.Length != MerkleHash.Size))
            return false;
        var cursor = 0;
        var known = subtreeHash.ToArray();
        var result = Walk(start, end, size, true, known, proof, ref cursor);
        return result is var (fr, sr) && cursor == proof.Count
            && CryptographicOperations.FixedTimeEquals(fr, subtreeHash) && CryptographicOperations.FixedTimeEquals(sr, root);
    }

    // Mirrors the proof's construction: descend to the node the subtree ends in, then on the way up
    // fold in one proof hash per level, tracking the subtree's hash (fr) and the tree's hash (sr).
    private static (byte[] Fr, byte[] Sr)? Walk(long start, long end, long n, bool complete, byte[] known, IReadOnlyList<byte[]> proof, ref int cursor)
    {
        if (start == 0 && end == n)
        {
            if (complete)
                return (known, known);
            if (cursor >= proof.Count)
                return null;
            var node = proof[cursor++];
            return (node, node);
        }

        var k = MerkleProofBuilder.LargestPowerOfTwoBelow(n);
        (byte[] Fr, byte[] Sr)? inner;
        if (end <= k)
        {
            inner = Walk(start, end, k, complete, known, proof, ref cursor);
            if (inner is not var (fr, sr) || cursor >= proof.Count)
                return null;
            return (fr, MerkleHash.Node(sr, proof[cursor++]));
        }

        if (start >= k)
        {
            inner = Walk(start - k, end - k, n - k, complete, known, proof, ref cursor);
            if (inner is not var (fr, sr) || cursor >= proof.Count)
                return null;
            return (fr, MerkleHash.Node(proof[cursor++], sr));
        }

        // start = 0 < k < end: the subtree spans both halves; its left half is the complete left child.
        inner = Walk(0, end - k, n - k, false, known, proof, ref cursor);
        if (inner is not var (rightFr, rightSr) || cursor >= proof.Count)
            return null;
        var left = proof[cursor++];
        return (MerkleHash.Node(left, rightFr), MerkleHash.Node(left, rightSr));
    }
}
