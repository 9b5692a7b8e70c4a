using System.Security.Cryptography;

namespace Rampart.Security.Signing.Bundles;

/// <summary>RFC 6962 / RFC 9162 (section 2.1.3.2) inclusion proof check.</summary>
internal static class MerkleProof
{
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var buffer = new byte[leaf.Length + 1];
        leaf.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<ReadOnlyMemory<byte>> path, ReadOnlySpan<byte> root)
    {
        if (index < 0 || treeSize <= 0 || index >= treeSize || leafHash.Length != SHA256.HashSizeInBytes || root.Length != SHA256.HashSizeInBytes)
            return false;
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var sibling in path)
        {
            if (sn == 0 || sibling.Length != SHA256.HashSizeInBytes)
                return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(sibling.Span, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Node(r, sibling.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    private static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * SHA256.HashSizeInBytes)];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + SHA256.HashSizeInBytes)..]);
        return SHA256.HashData(buffer);
    }
}
