using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

public sealed class MerkleSubtreeVectorTests
{
    public static TheoryData<string> InclusionFiles => MerkleVectors.Files("subtreeinclusion");

    public static TheoryData<string> ConsistencyFiles => MerkleVectors.Files("subtreeconsistency");

    [Fact]
    public void Vectors_ArePresent_InTheSharedTestData()
    {
        Assert.Equal(204, Directory.GetFiles(MerkleVectors.Folder("subtreeinclusion"), "*.json", SearchOption.AllDirectories).Length);
        Assert.Equal(118, Directory.GetFiles(MerkleVectors.Folder("subtreeconsistency"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void VerifySubtreeInclusion_MatchesVector(string file)
    {
        var v = MerkleVectors.Load("subtreeinclusion", file);
        var wantErr = v.GetProperty("wantErr").GetBoolean();
        if (!v.GetProperty("leafIdx").TryGetInt64(out var index) || !v.GetProperty("start").TryGetInt64(out var start) || !v.GetProperty("end").TryGetInt64(out var end))
        {
            Assert.True(wantErr, "a value past 2^63 - 1 cannot be passed; such a vector must expect failure");
            return;
        }

        var ok = MerkleSubtrees.VerifyInclusion(index, start, end, MerkleVectors.Bytes(v, "leafHash"), MerkleVectors.Proof(v), MerkleVectors.Bytes(v, "root"));
        Assert.Equal(!wantErr, ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void VerifySubtreeConsistency_MatchesVector(string file)
    {
        var v = MerkleVectors.Load("subtreeconsistency", file);
        var wantErr = v.GetProperty("wantErr").GetBoolean();
        if (!v.GetProperty("start").TryGetInt64(out var start) || !v.GetProperty("end").TryGetInt64(out var end) || !v.GetProperty("size").TryGetInt64(out var size))
        {
            Assert.True(wantErr, "a value past 2^63 - 1 cannot be passed; such a vector must expect failure");
            return;
        }

        var ok = MerkleSubtrees.VerifyConsistency(start, end, size, MerkleVectors.Bytes(v, "root1"), MerkleVectors.Bytes(v, "root2"), MerkleVectors.Proof(v));
        Assert.Equal(!wantErr, ok);
    }

    [Fact]
    public void SubtreeConsistency_WithStartZero_AgreesWithRfc9162ConsistencyForEverySize()
    {
        var tree = ReferenceTree.FromLeaves(Enumerable.Range(0, 40).Select(i => BitConverter.GetBytes(i * 7)));
        var builder = new MerkleProofBuilder(tree.Node);
        for (long size = 1; size <= 40; size++)
        {
            for (long end = 1; end <= size; end++)
            {
                var proof = builder.Consistency(end, size);
                Assert.True(MerkleSubtrees.VerifyConsistency(0, end, size, tree.RecursiveRoot(0, end), tree.RecursiveRoot(0, size), proof), $"0..{end} in {size}");
            }
        }
    }
}
