using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Signing.Bundles;

namespace Rampart.Security.Tests.Signing;

/// <summary>The inclusion-proof check that log entries rely on, against transparency-dev/merkle's vectors (shared test data).</summary>
public sealed class MerkleProofVectorTests
{
    public static TheoryData<string> Cases()
    {
        var root = Path.GetDirectoryName(RepoPaths.TestDataFile("merkle", "rfc6962-hashes.json"))!;
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "inclusion"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VerifyInclusion_GivesTheVectorsAnswer(string relative)
    {
        var path = Path.Combine(Path.GetDirectoryName(RepoPaths.TestDataFile("merkle", "rfc6962-hashes.json"))!, relative);
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var c = json.RootElement;
        var proof = c.GetProperty("proof").ValueKind == JsonValueKind.Array
            ? c.GetProperty("proof").EnumerateArray().Select(p => (ReadOnlyMemory<byte>)Convert.FromBase64String(p.GetString()!)).ToList()
            : [];
        var root = c.TryGetProperty("root", out var r) && r.ValueKind == JsonValueKind.String ? Convert.FromBase64String(r.GetString()!) : [];
        var leaf = c.TryGetProperty("leafHash", out var l) && l.ValueKind == JsonValueKind.String ? Convert.FromBase64String(l.GetString()!) : [];

        // Indexes past long.MaxValue (the vectors' uint64 underflows) cannot occur in a bundle (proto int64): pass -1.
        var index = c.GetProperty("leafIdx").GetUInt64() is var i and <= long.MaxValue ? (long)i : -1;
        var size = c.GetProperty("treeSize").GetUInt64() is var n and <= long.MaxValue ? (long)n : -1;

        var ok = MerkleProof.VerifyInclusion(index, size, leaf, proof, root);

        Assert.Equal(!c.GetProperty("wantErr").GetBoolean(), ok);
    }
}
