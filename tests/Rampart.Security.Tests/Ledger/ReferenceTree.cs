using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

/// <summary>The 8-leaf reference tree of the transparency-dev vectors, and an in-memory node store built from leaves.</summary>
public sealed class ReferenceTree
{
    private readonly Dictionary<(int, long), byte[]> _nodes = [];

    public long Size { get; private set; }

    public static JsonElement Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestDataFile("merkle", "rfc6962-hashes.json")));
        return document.RootElement.Clone();
    }

    public static ReferenceTree Build() =>
        FromLeaves(Vectors().GetProperty("referenceTree").GetProperty("leafInputsHex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)));

    public static ReferenceTree FromLeaves(IEnumerable<byte[]> leaves)
    {
        var tree = new ReferenceTree();
        var frontier = new MerkleFrontier();
        foreach (var leaf in leaves)
        {
            var hash = MerkleHash.Leaf(leaf);
            tree._nodes[(0, frontier.Size)] = hash;
            frontier.Append(hash, (level, index, node) => tree._nodes[(level, index)] = node);
        }

        tree.Size = frontier.Size;
        return tree;
    }

    public byte[] Node(int level, long index) => _nodes[(level, index)];

    /// <summary>Root by the RFC's recursive definition, independent of the frontier and the proof builder.</summary>
    public byte[] RecursiveRoot(long lo, long hi)
    {
        if (hi - lo == 0)
            return MerkleHash.EmptyRoot();
        if (hi - lo == 1)
            return _nodes[(0, lo)];
        long k = 1;
        while (k * 2 < hi - lo)
            k *= 2;
        return MerkleHash.Node(RecursiveRoot(lo, lo + k), RecursiveRoot(lo + k, hi));
    }
}
