namespace Rampart.Security.Ledger.Merkle;

/// <summary>
/// Builds RFC 9162 inclusion (§2.1.3.1) and consistency (§2.1.4.1) proofs from stored perfect-subtree
/// hashes, so a proof at any size costs O(log² n) lookups and holds O(log n) hashes.
/// </summary>
/// <param name="node">Hash of the perfect subtree at (level, index); level 0 is a leaf hash.</param>
public sealed class MerkleProofBuilder(Func<int, long, byte[]> node)
{
    private readonly Func<int, long, byte[]> _node = node ?? throw new ArgumentNullException(nameof(node));

    /// <summary>MTH of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size) => size == 0 ? MerkleHash.EmptyRoot() : RangeHash(0, size);

    public IReadOnlyList<byte[]> Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is not in a tree of size {size}");
        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    public IReadOnlyList<byte[]> Consistency(long size1, long size2)
    {
        if (size1 <= 0 || size1 > size2)
            throw new ArgumentOutOfRangeException(nameof(size1), $"no consistency proof from size {size1} to size {size2}");
        var proof = new List<byte[]>();
        if (size1 < size2)
            SubProof(size1, 0, size2, true, proof);
        return proof;
    }

    // PATH(m, D[lo:hi]), appended bottom-up.
    private void Path(long m, long lo, long hi, List<byte[]> proof)
    {
        var n = hi - lo;
        if (n == 1)
            return;
        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, lo, lo + k, proof);
            proof.Add(RangeHash(lo + k, hi));
        }
        else
        {
            Path(m - k, lo + k, hi, proof);
            proof.Add(RangeHash(lo, lo + k));
        }
    }

    // SUBPROOF(m, D[lo:hi], b), appended bottom-up.
    private void SubProof(long m, long lo, long hi, bool complete, List<byte[]> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
                proof.Add(RangeHash(lo, hi));
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, lo, lo + k, complete, proof);
            proof.Add(RangeHash(lo + k, hi));
        }
        else
        {
            SubProof(m - k, lo + k, hi, false, proof);
            proof.Add(RangeHash(lo, lo + k));
        }
    }

    // MTH(D[lo:hi]) where lo is aligned to the largest power of two that fits, as in every call above.
    private byte[] RangeHash(long lo, long hi)
    {
        var n = hi - lo;
        if ((n & (n - 1)) == 0)
        {
            var level = System.Numerics.BitOperations.TrailingZeroCount(n);
            return _node(level, lo >> level);
        }

        var k = LargestPowerOfTwoBelow(n);
        return MerkleHash.Node(RangeHash(lo, lo + k), RangeHash(lo + k, hi));
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
