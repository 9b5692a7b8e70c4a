namespace Rampart.Security.Ledger.Merkle;

/// <summary>
/// The right edge of a growing Merkle tree: the hashes of the perfect subtrees that cover leaves
/// <c>[0, Size)</c>, largest first. Appending a leaf merges equal-sized subtrees, so each append costs
/// O(1) amortised hashing and the root at any size costs O(log n).
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<byte[]> _subtrees = [];

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
            frontier._subtrees.Add(node(level, offset >> level));
            offset += width;
        }

        return frontier;
    }

    /// <summary>Adds a leaf; <paramref name="completed"/> hears every interior node that becomes complete (level ≥ 1).</summary>
    public void Append(ReadOnlySpan<byte> leafHash, Action<int, long, byte[]>? completed = null)
    {
        var hash = leafHash.ToArray();
        var index = Size;
        var level = 0;
        while ((index & 1) == 1)
        {
            var left = _subtrees[^1];
            _subtrees.RemoveAt(_subtrees.Count - 1);
            hash = MerkleHash.Node(left, hash);
            index >>= 1;
            level++;
            completed?.Invoke(level, index, hash);
        }

        _subtrees.Add(hash);
        Size++;
    }

    /// <summary>The tree head: RFC 9162's MTH over all leaves appended so far.</summary>
    public byte[] Root()
    {
        if (_subtrees.Count == 0)
            return MerkleHash.EmptyRoot();
        var root = _subtrees[^1];
        for (var i = _subtrees.Count - 2; i >= 0; i--)
            root = MerkleHash.Node(_subtrees[i], root);
        return root;
    }
}
