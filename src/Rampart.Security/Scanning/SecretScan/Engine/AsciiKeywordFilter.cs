using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Steps 1 and 2 of <see cref="KeywordIndex"/> over ASCII bytes, sixty-four positions a vector: the six
/// pair maps (32 rows of 32 bits, 128 bytes each) are read with one two-register byte permute each
/// (index = code of the first character × 4 + the second's code ÷ 8) and a byte shuffle gives the bit
/// (the second's code mod 8). Half the bytes of UTF-16 and four times the lanes of the character filter.
/// The candidates are then tested in the exact maps one by one, as in <see cref="KeywordFilter"/>.
/// </summary>
internal static class AsciiKeywordFilter
{
    /// <summary>Sixty-four starts need the characters up to start + 63 + 3.</summary>
    public const int Reach = 67;

    public static bool IsSupported => Avx512Vbmi.IsSupported && Avx512BW.IsSupported && BitConverter.IsLittleEndian;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Vector(KeywordIndex index, ReadOnlySpan<byte> text, int j, Span<int> starts, ref int count)
    {
        ref var bytes = ref MemoryMarshal.GetReference(text);
        // Row a of map k as a little-endian uint: byte (b >> 3) holds bit (b & 7) for the pair (a, b).
        var maps = MemoryMarshal.AsBytes(index.Pairs.AsSpan());
        var low01 = Vector512.Create<byte>(maps.Slice(0, 64));
        var high01 = Vector512.Create<byte>(maps.Slice(64, 64));
        var low12 = Vector512.Create<byte>(maps.Slice(128, 64));
        var high12 = Vector512.Create<byte>(maps.Slice(192, 64));
        var low23 = Vector512.Create<byte>(maps.Slice(256, 64));
        var high23 = Vector512.Create<byte>(maps.Slice(320, 64));
        var low02 = Vector512.Create<byte>(maps.Slice(384, 64));
        var high02 = Vector512.Create<byte>(maps.Slice(448, 64));
        var low13 = Vector512.Create<byte>(maps.Slice(512, 64));
        var high13 = Vector512.Create<byte>(maps.Slice(576, 64));
        var low03 = Vector512.Create<byte>(maps.Slice(640, 64));
        var high03 = Vector512.Create<byte>(maps.Slice(704, 64));
        ref var codes3 = ref MemoryMarshal.GetArrayDataReference(index.Codes3);
        ref var codes4 = ref MemoryMarshal.GetArrayDataReference(index.Codes4);
        var rowMask = Vector512.Create((byte)0x7C);
        var three = Vector512.Create((byte)3);
        var seven = Vector512.Create((byte)7);
        var bit = Vector512.Create(0x8040201008040201UL).AsByte();
        var last = text.Length - Reach;
        ref var slots = ref MemoryMarshal.GetReference(starts);
        while (j <= last && count <= starts.Length - 64)
        {
            var c0 = Vector512.LoadUnsafe(ref bytes, (nuint)j);
            var c1 = Vector512.LoadUnsafe(ref bytes, (nuint)(j + 1));
            var c2 = Vector512.LoadUnsafe(ref bytes, (nuint)(j + 2));
            var c3 = Vector512.LoadUnsafe(ref bytes, (nuint)(j + 3));
            // Shifts of 16-bit lanes: the masks drop what crosses from the neighbouring byte.
            var row0 = Vector512.ShiftLeft(c0.AsUInt16(), 2).AsByte() & rowMask;
            var row1 = Vector512.ShiftLeft(c1.AsUInt16(), 2).AsByte() & rowMask;
            var row2 = Vector512.ShiftLeft(c2.AsUInt16(), 2).AsByte() & rowMask;
            var column1 = Vector512.ShiftRightLogical(c1.AsUInt16(), 3).AsByte() & three;
            var column2 = Vector512.ShiftRightLogical(c2.AsUInt16(), 3).AsByte() & three;
            var column3 = Vector512.ShiftRightLogical(c3.AsUInt16(), 3).AsByte() & three;
            var bit1 = Avx512BW.Shuffle(bit, c1 & seven);
            var bit2 = Avx512BW.Shuffle(bit, c2 & seven);
            var bit3 = Avx512BW.Shuffle(bit, c3 & seven);
            var second = Avx512Vbmi.PermuteVar64x8x2(low01, row0 | column1, high01) & bit1;
            var third = Avx512Vbmi.PermuteVar64x8x2(low12, row1 | column2, high12) & Avx512Vbmi.PermuteVar64x8x2(low02, row0 | column2, high02) & bit2;
            var fourth = Avx512Vbmi.PermuteVar64x8x2(low23, row2 | column3, high23) & Avx512Vbmi.PermuteVar64x8x2(low13, row1 | column3, high13)
                & Avx512Vbmi.PermuteVar64x8x2(low03, row0 | column3, high03) & bit3;
            var fail = Vector512.Equals(second, Vector512<byte>.Zero) | Vector512.Equals(third, Vector512<byte>.Zero) | Vector512.Equals(fourth, Vector512<byte>.Zero);
            var bits = ~fail.ExtractMostSignificantBits();
            // Branch-free: the exact test decides whether the slot just written counts (there is room
            // for sixty-four), so the many near misses cost no mispredicted branch.
            while (bits != 0)
            {
                var at = j + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var code3 = ((Unsafe.Add(ref bytes, at) & 31u) << 10) | ((Unsafe.Add(ref bytes, at + 1) & 31u) << 5) | (Unsafe.Add(ref bytes, at + 2) & 31u);
                var code4 = (code3 << 5) | (Unsafe.Add(ref bytes, at + 3) & 31u);
                var pass = (Unsafe.Add(ref codes3, (int)(code3 >> 6)) >> (int)(code3 & 63)) & (Unsafe.Add(ref codes4, (int)(code4 >> 6)) >> (int)(code4 & 63)) & 1;
                Unsafe.Add(ref slots, count) = at;
                count += (int)pass;
            }

            j += 64;
        }

        return j;
    }
}
