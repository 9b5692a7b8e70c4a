using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Steps 1 and 2 of <see cref="KeywordIndex"/>: the positions where a keyword may start. With AVX-512
/// sixteen positions are tested at once against five pair maps (5-bit codes of characters 0-1, 1-2,
/// 2-3, 0-2 and 1-3 of every keyword: 32 rows of 32 bits, two registers each, read with one permute); the positions
/// that pass all five, a few in a hundred, are tested one by one in the exact maps. Without AVX-512 a
/// scalar loop does the exact test at every position. Both give the same positions.
/// </summary>
internal static class KeywordFilter
{
    /// <summary>
    /// Writes the candidate starts at or after <paramref name="from"/> into <paramref name="starts"/> in
    /// ascending order, until it is full or every start with three characters after it was looked at;
    /// returns how many, and moves <paramref name="from"/> to the first position not looked at.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Find(KeywordIndex index, ReadOnlySpan<char> text, ref int from, Span<int> starts, bool vector = true)
    {
        var count = 0;
        var j = from;
        if (vector && Avx512F.IsSupported && starts.Length >= 16)
        {
            j = Vector(index, text, j, starts, ref count);
            // Stopped for a full buffer, not at the end: the vector loop goes on at the next call.
            if (j <= text.Length - 19)
            {
                from = j;
                return count;
            }
        }

        j = Scalar(index, text, j, starts, ref count);
        from = j;
        return count;
    }

    /// <summary>
    /// The same over ASCII text held as bytes (one byte a character, so positions are the same): with
    /// AVX-512 VBMI sixty-four positions are tested at once (<see cref="AsciiKeywordFilter"/>).
    /// <paramref name="vector"/> false forces the scalar loop (tests).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Find(KeywordIndex index, ReadOnlySpan<byte> ascii, ref int from, Span<int> starts, bool vector = true)
    {
        var count = 0;
        var j = from;
        if (vector && AsciiKeywordFilter.IsSupported && starts.Length >= 64)
        {
            j = AsciiKeywordFilter.Vector(index, ascii, j, starts, ref count);
            if (j <= ascii.Length - AsciiKeywordFilter.Reach)
            {
                from = j;
                return count;
            }
        }

        j = Scalar(index, ascii, j, starts, ref count);
        from = j;
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Vector(KeywordIndex index, ReadOnlySpan<char> text, int j, Span<int> starts, ref int count)
    {
        ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        var pairs = index.Pairs;
        var low01 = Vector512.Create<uint>(pairs.AsSpan(0, 16));
        var high01 = Vector512.Create<uint>(pairs.AsSpan(16, 16));
        var low12 = Vector512.Create<uint>(pairs.AsSpan(32, 16));
        var high12 = Vector512.Create<uint>(pairs.AsSpan(48, 16));
        var low23 = Vector512.Create<uint>(pairs.AsSpan(64, 16));
        var high23 = Vector512.Create<uint>(pairs.AsSpan(80, 16));
        var low02 = Vector512.Create<uint>(pairs.AsSpan(96, 16));
        var high02 = Vector512.Create<uint>(pairs.AsSpan(112, 16));
        var low13 = Vector512.Create<uint>(pairs.AsSpan(128, 16));
        var high13 = Vector512.Create<uint>(pairs.AsSpan(144, 16));
        ref var codes3 = ref MemoryMarshal.GetArrayDataReference(index.Codes3);
        ref var codes4 = ref MemoryMarshal.GetArrayDataReference(index.Codes4);
        var five = Vector512.Create(31u);
        // Sixteen starts need the characters up to start + 15 + 3.
        var last = text.Length - 19;
        while (j <= last && count <= starts.Length - 16)
        {
            var c0 = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref chars, (nuint)j)) & five;
            var c1 = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref chars, (nuint)(j + 1))) & five;
            var c2 = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref chars, (nuint)(j + 2))) & five;
            var c3 = Avx512F.ConvertToVector512UInt32(Vector256.LoadUnsafe(ref chars, (nuint)(j + 3))) & five;
            var pass = Avx512F.ShiftRightLogicalVariable(Avx512F.PermuteVar16x32x2(low01, c0, high01), c1)
                & Avx512F.ShiftRightLogicalVariable(Avx512F.PermuteVar16x32x2(low12, c1, high12), c2)
                & Avx512F.ShiftRightLogicalVariable(Avx512F.PermuteVar16x32x2(low23, c2, high23), c3)
                & Avx512F.ShiftRightLogicalVariable(Avx512F.PermuteVar16x32x2(low02, c0, high02), c2)
                & Avx512F.ShiftRightLogicalVariable(Avx512F.PermuteVar16x32x2(low13, c1, high13), c3);
            var bits = (uint)(pass << 31).ExtractMostSignificantBits();
            while (bits != 0)
            {
                var at = j + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                // The exact steps 1 and 2 (at + 3 is inside the text); indexes are masked to the maps' sizes.
                var three = ((Unsafe.Add(ref chars, at) & 31u) << 10) | ((Unsafe.Add(ref chars, at + 1) & 31u) << 5) | (Unsafe.Add(ref chars, at + 2) & 31u);
                var four = (three << 5) | (Unsafe.Add(ref chars, at + 3) & 31u);
                if ((Unsafe.Add(ref codes3, (int)(three >> 6)) & (1UL << (int)three)) != 0 && (Unsafe.Add(ref codes4, (int)(four >> 6)) & (1UL << (int)four)) != 0)
                    starts[count++] = at;
            }

            j += 16;
        }

        return j;
    }

    /// <summary>Step 2 alone, one position at a time: the fallback, and the tail after the vectors. Text is UTF-16 or ASCII bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Scalar<T>(KeywordIndex index, ReadOnlySpan<T> text, int first, Span<int> starts, ref int count)
        where T : unmanaged, IBinaryInteger<T>
    {
        ref var codes3 = ref MemoryMarshal.GetArrayDataReference(index.Codes3);
        ref var codes4 = ref MemoryMarshal.GetArrayDataReference(index.Codes4);
        if (count == starts.Length)
            return first;
        var rolling = 0u;
        var i = first;
        // i is where a three-character start ends; indexes are masked to the maps' sizes (2^15 and 2^20 bits).
        for (; i < text.Length; i++)
        {
            rolling = ((rolling << 5) | (uint.CreateTruncating(text[i]) & 31u)) & 0x7FFF;
            if (i < first + 2 || (Unsafe.Add(ref codes3, (int)(rolling >> 6)) & (1UL << (int)rolling)) == 0)
                continue;
            if (i + 1 < text.Length)
            {
                var four = (rolling << 5) | (uint.CreateTruncating(text[i + 1]) & 31u);
                if ((Unsafe.Add(ref codes4, (int)(four >> 6)) & (1UL << (int)four)) == 0)
                    continue;
            }

            starts[count++] = i - 2;
            if (count == starts.Length)
            {
                i++;
                break;
            }
        }

        return Math.Max(first, i - 2);
    }
}
