namespace Rampart.Security.Ledger.Merkle;

/// <summary>
/// The right edge of a growing Merkle tree: the hashes of the perfect subtrees that cover leaves
/// <c>[0, Size)</c>, largest first. Appending a leaf merges equal-sized subtrees, so each append costs
/// O(1) amortised hashing and the root at any size costs O(log n).
/// </summary>
public sealed class MerkleFrontier
{
    // Slot i holds the i-th perfect subtree from the left; slots are reused, so appending allocates nothing.
    private readonly byte[][] _subtrees = new byte[64][];
    private readonly byte[] _carry = new byte[MerkleHash.Size];
    private int _count;

    public long Size { get; private set; }

    /// <summary>Rebuilds the frontier of a tree of <paramref name="size"/> leaves from its stored perfect subtrees.</summary>
    /// <param name="size">Number of leaves.</param>
    /// <param name="node">Hash of the perfect subtree at (level, index): leaves <c>[index·2^level, (index+1)·2^level)</c>.</param>
    public static MerkleFrontier Restore(long size, Func<int, long, byte[]> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var frontier = new MerkleFrontier { Size = size };
        long offset = 0;
        for (var level = 62; level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) == 0)
                continue;
            var hash = node(level, offset >> level);
            if (hash.Length != MerkleHash.Size)
                throw new ArgumentException($"node at level {level} is not a {MerkleHash.Size}-byte hash", nameof(node));
            frontier._subtrees[frontier._count++] = hash.ToArray();
            offset += width;
        }

        return frontier;
    }

    /// <summary>An independent copy: appending to one leaves the other as it was.</summary>
    internal MerkleFrontier Copy()
    {
        var copy = new MerkleFrontier { Size = Size, _count = _count };
        for (var i = 0; i < _count; i++)
            copy._subtrees[i] = _subtrees[i].ToArray();
        return copy;
    }

    /// <summary>Adds a leaf; <paramref name="completed"/> hears every interior node that becomes complete (level ≥ 1).</summary>
    public void Append(ReadOnlySpan<byte> leafHash, Action<int, long, byte[]>? completed = null)
    {
        if (leafHash.Length != MerkleHash.Size)
            throw new ArgumentException($"a leaf hash is {MerkleHash.Size} bytes", nameof(leafHash));
        leafHash.CopyTo(_carry);
        var index = Size;
        var level = 0;
        while ((index & 1) == 1)
        {
            _count--;
            MerkleHash.Node(_subtrees[_count], _carry, _carry);
            index >>= 1;
            level++;
            completed?.Invoke(level, index, _carry.ToArray());
        }

        var slot = _subtrees[_count] ??= new byte[MerkleHash.Size];
        _carry.CopyTo(slot, 0);
        _count++;
        Size++;
    }

    /// <summary>The tree head: RFC 9162's MTH over all leaves appended so far.</summary>
    public byte[] Root()
    {
        if (_count == 0)
            return MerkleHash.EmptyRoot();
        var root = _subtrees[_count - 1].ToArray();
        for (var i = _count - 2; i >= 0; i--)
            MerkleHash.Node(_subtrees[i], root, root);
        return root;
    }
}
