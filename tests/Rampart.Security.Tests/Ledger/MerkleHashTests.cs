using System.Text;
using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

public sealed class MerkleHashTests
{
    [Fact]
    public void Hasher_MatchesRfc6962Vectors()
    {
        var vectors = ReferenceTree.Vectors().GetProperty("hasherVectors").EnumerateArray().ToList();
        Assert.Equal(4, vectors.Count);
        foreach (var v in vectors)
        {
            var expected = v.GetProperty("expectedHex").GetString()!;
            var actual = v.GetProperty("function").GetString() switch
            {
                "EmptyRoot" => MerkleHash.EmptyRoot(),
                "HashLeaf" => MerkleHash.Leaf(Convert.FromHexString(v.GetProperty("inputHex").GetString()!)),
                "HashChildren" => MerkleHash.Node(Convert.FromHexString(v.GetProperty("leftHex").GetString()!), Convert.FromHexString(v.GetProperty("rightHex").GetString()!)),
                var other => throw new InvalidOperationException(other),
            };
            Assert.Equal(expected, Convert.ToHexStringLower(actual));
        }
    }

    [Fact]
    public void ReferenceTree_RootsAndNodes_MatchAtEverySize()
    {
        var reference = ReferenceTree.Vectors().GetProperty("referenceTree");
        var leaves = reference.GetProperty("leafInputsHex").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!)).ToList();
        var roots = reference.GetProperty("rootHashesHex").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(9, roots.Count);
        var frontier = new MerkleFrontier();
        Assert.Equal(roots[0], Convert.ToHexStringLower(frontier.Root()));
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(MerkleHash.Leaf(leaves[n - 1]));
            Assert.Equal(roots[n], Convert.ToHexStringLower(frontier.Root()));
        }

        var tree = ReferenceTree.Build();
        var levels = reference.GetProperty("nodeHashesHex").EnumerateArray().ToList();
        for (var level = 0; level < levels.Count; level++)
        {
            var hashes = levels[level].EnumerateArray().ToList();
            for (var i = 0; i < hashes.Count; i++)
                Assert.Equal(hashes[i].GetString(), Convert.ToHexStringLower(tree.Node(level, i)));
        }
    }

    [Fact]
    public void LeafAndNode_UseDistinctPrefixes_SoALeafCannotPassForANode()
    {
        var left = MerkleHash.Leaf("a"u8);
        var right = MerkleHash.Leaf("b"u8);
        var concatenated = left.Concat(right).ToArray();
        Assert.NotEqual(Convert.ToHexString(MerkleHash.Node(left, right)), Convert.ToHexString(MerkleHash.Leaf(concatenated)));
    }

    [Fact]
    public void Leaf_HashesLargeInputsLikeSmallOnes()
    {
        var big = Encoding.UTF8.GetBytes(new string('x', 5000));
        var expected = System.Security.Cryptography.SHA256.HashData([0, .. big]);
        Assert.Equal(expected, MerkleHash.Leaf(big));
    }

    [Fact]
    public void Proofs_BuiltForEverySizeUpTo70_VerifyAndFailWhenTampered()
    {
        var tree = ReferenceTree.FromLeaves(Enumerable.Range(0, 70).Select(i => BitConverter.GetBytes(i)));
        var builder = new MerkleProofBuilder(tree.Node);
        for (long size = 1; size <= 70; size++)
        {
            var root = tree.RecursiveRoot(0, size);
            Assert.Equal(root, builder.Root(size));
            for (long index = 0; index < size; index++)
            {
                var proof = builder.Inclusion(index, size);
                Assert.True(MerkleProofs.VerifyInclusion(index, size, tree.Node(0, index), proof, root), $"inclusion {index}/{size}");
                Assert.False(MerkleProofs.VerifyInclusion(index, size, tree.Node(0, (index + 1) % size == index ? index : (index + 1) % size), proof, root) && size > 1);
                Assert.True(proof.Count <= 7);
            }

            for (long old = 1; old <= size; old++)
            {
                var proof = builder.Consistency(old, size);
                var oldRoot = tree.RecursiveRoot(0, old);
                Assert.True(MerkleProofs.VerifyConsistency(old, size, oldRoot, root, proof), $"consistency {old}->{size}");
                if (old < size)
                    Assert.False(MerkleProofs.VerifyConsistency(old, size, tree.RecursiveRoot(0, old - 1 == 0 ? 2 : old - 1), root, proof));
            }
        }
    }
}
