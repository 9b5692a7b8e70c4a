using Rampart.Security.Ledger.Merkle;

namespace Rampart.Security.Tests.Ledger;

public sealed class MerkleProofVectorTests
{
    public static TheoryData<string> InclusionFiles => MerkleVectors.Files("inclusion");

    public static TheoryData<string> ConsistencyFiles => MerkleVectors.Files("consistency");

    [Fact]
    public void Vectors_ArePresent_InTheSharedTestData()
    {
        Assert.Equal(98, Directory.GetFiles(MerkleVectors.Folder("inclusion"), "*.json", SearchOption.AllDirectories).Length);
        Assert.Equal(98, Directory.GetFiles(MerkleVectors.Folder("consistency"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void VerifyInclusion_MatchesVector(string file)
    {
        var v = MerkleVectors.Load("inclusion", file);
        if (!v.GetProperty("leafIdx").TryGetInt64(out var index))
        {
            // An index past 2^63 - 1 cannot be named through the API at all; such a vector must expect failure.
            Assert.True(v.GetProperty("wantErr").GetBoolean());
            Assert.Equal(ulong.MaxValue, v.GetProperty("leafIdx").GetUInt64());
            return;
        }

        var ok = MerkleProofs.VerifyInclusion(index, v.GetProperty("treeSize").GetInt64(),
            MerkleVectors.Bytes(v, "leafHash"), MerkleVectors.Proof(v), MerkleVectors.Bytes(v, "root"));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void VerifyConsistency_MatchesVector(string file)
    {
        var v = MerkleVectors.Load("consistency", file);
        var ok = MerkleProofs.VerifyConsistency(v.GetProperty("size1").GetInt64(), v.GetProperty("size2").GetInt64(),
            MerkleVectors.Bytes(v, "root1"), MerkleVectors.Bytes(v, "root2"), MerkleVectors.Proof(v));
        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void ProofBuilder_ReproducesEveryHappyPathInclusionProof(string file)
    {
        var v = MerkleVectors.Load("inclusion", file);
        if (v.GetProperty("wantErr").GetBoolean() || v.GetProperty("treeSize").GetInt64() > 8)
            return;
        var tree = ReferenceTree.Build();
        var proof = new MerkleProofBuilder(tree.Node).Inclusion(v.GetProperty("leafIdx").GetInt64(), v.GetProperty("treeSize").GetInt64());
        Assert.Equal(MerkleVectors.Proof(v).Select(Convert.ToHexString), proof.Select(Convert.ToHexString));
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void ProofBuilder_ReproducesEveryHappyPathConsistencyProof(string file)
    {
        var v = MerkleVectors.Load("consistency", file);
        var size1 = v.GetProperty("size1").GetInt64();
        var size2 = v.GetProperty("size2").GetInt64();
        if (v.GetProperty("wantErr").GetBoolean() || size1 < 1 || size2 > 8 || !v.GetProperty("desc").GetString()!.Contains("happy", StringComparison.Ordinal))
            return;
        var proof = new MerkleProofBuilder(ReferenceTree.Build().Node).Consistency(size1, size2);
        Assert.Equal(MerkleVectors.Proof(v).Select(Convert.ToHexString), proof.Select(Convert.ToHexString));
    }
}
