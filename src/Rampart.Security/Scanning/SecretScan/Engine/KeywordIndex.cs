namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Finds keyword candidates in three steps, each rarer and dearer than the one before:
/// <list type="number">
/// <item>at every position, a rolling index of the low 5 bits of three characters (letters fold to one
/// code whatever their case) tests a 2^15-bit map (4 KiB, stays in the L1 cache) of every keyword's first
/// three characters: a few positions in a hundred of source code pass;</item>
/// <item>those test the first four characters the same way in a 2^20-bit map (128 KiB): a common
/// three-letter start (con, acc, ses) rarely goes on to a keyword's fourth letter;</item>
/// <item>the rest look up keywords by their first three (or two) characters, ASCII case-folded (7 bits
/// each, 2^21 and 2^14 bits), and compare.</item>
/// </list>
/// The 5-bit codes are a superset filter: a character whose code matches may still differ, which the
/// last step settles. Measured here, SearchValues&lt;string&gt; with a few hundred case-insensitive keywords
/// ran at about 20 MB/s; this runs at about 1 GB/s per core.
/// </summary>
internal sealed class KeywordIndex
{
    public const uint TrigramMask = (1u << 21) - 1;
    public const uint BigramMask = (1u << 14) - 1;

    private readonly KeywordTable _trigrams;
    private readonly KeywordTable _bigrams;

    public KeywordIndex(IReadOnlyDictionary<string, List<int>> rulesByKeyword)
    {
        var tri = new Dictionary<uint, List<(string, int[], int)>>();
        var bi = new Dictionary<uint, List<(string, int[], int)>>();
        foreach (var (keyword, rules) in rulesByKeyword)
        {
            if (keyword.Length < 2)
                throw new SecretConfigException($"keyword '{keyword}' is too short to search for (two characters at least)");
            AddCodes(keyword);
            if (keyword.Length >= 3)
            {
                var key = (Fold(keyword[0]) << 14) | (Fold(keyword[1]) << 7) | Fold(keyword[2]);
                TrigramBits[key >> 6] |= 1UL << (int)(key & 63);
                (tri.TryGetValue(key, out var list) ? list : tri[key] = []).Add((keyword, [.. rules], Known(keyword, 3)));
            }
            else
            {
                var key = (Fold(keyword[0]) << 7) | Fold(keyword[1]);
                BigramBits[key >> 6] |= 1UL << (int)(key & 63);
                (bi.TryGetValue(key, out var list) ? list : bi[key] = []).Add((keyword, [.. rules], Known(keyword, 2)));
                HasBigrams = true;
            }
        }

        _trigrams = new KeywordTable(tri);
        _bigrams = new KeywordTable(bi);
    }

    /// <summary>ASCII folded to lower case, everything else to 0x7F; 128 entries.</summary>
    public static byte[] FoldTable { get; } = BuildFold();

    /// <summary>Step 1: bit (c0 &amp; 31) &lt;&lt; 10 | (c1 &amp; 31) &lt;&lt; 5 | (c2 &amp; 31) is set when c0 c1 c2 may start a keyword.</summary>
    public ulong[] Codes3 { get; } = new ulong[(1 << 15) / 64];

    /// <summary>
    /// Pair maps for the vector filter: row (c0 &amp; 31) bit (c1 &amp; 31) at 0..31, the same for characters
    /// 1-2 at 32..63, 2-3 at 64..95, 0-2 at 96..127, 1-3 at 128..159 and 0-3 at 160..191 (the byte filter
    /// reads all six, the character filter the first five). A start passes steps 1 and 2 only if it passes all.
    /// </summary>
    public uint[] Pairs { get; } = new uint[192];

    /// <summary>Step 2: the same with a fourth character (2^20 bits).</summary>
    public ulong[] Codes4 { get; } = new ulong[(1 << 20) / 64];

    public ulong[] TrigramBits { get; } = new ulong[(TrigramMask + 1) / 64];
    public ulong[] BigramBits { get; } = new ulong[(BigramMask + 1) / 64];
    public bool HasBigrams { get; }

    public (string Keyword, int[] Rules, int Known)[] Trigram(uint key) => _trigrams[key];

    public (string Keyword, int[] Rules, int Known)[] Bigram(uint key) => _bigrams[key];

    /// <summary>
    /// How many leading characters of a text that reached this keyword through its key already equal it
    /// (ASCII, case folded): all of the key when they are plain ASCII; none otherwise, since every
    /// non-ASCII text character folds to the same code.
    /// </summary>
    private static int Known(string keyword, int keyLength)
    {
        for (var i = 0; i < keyLength; i++)
        {
            if (Fold(keyword[i]) == 0x7F || keyword[i] != Fold(keyword[i]))
                return 0;
        }

        return keyLength;
    }

    private void AddCodes(string keyword)
    {
        foreach (var a in Codes(keyword, 0))
        {
            foreach (var b in Codes(keyword, 1))
            {
                foreach (var c in Codes(keyword, 2))
                {
                    Pairs[a] |= 1u << b;
                    Pairs[32 + b] |= 1u << c;
                    Pairs[96 + a] |= 1u << c;
                    var three = (a << 10) | (b << 5) | c;
                    Codes3[three >> 6] |= 1UL << (three & 63);
                    foreach (var d in Codes(keyword, 3))
                    {
                        Pairs[64 + c] |= 1u << d;
                        Pairs[128 + b] |= 1u << d;
                        Pairs[160 + a] |= 1u << d;
                        var four = (three << 5) | d;
                        Codes4[four >> 6] |= 1UL << (four & 63);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The 5-bit codes of the text characters that can match keyword[at]: one for an ASCII character
    /// (both cases of a letter share it); all 32 past the keyword's end, and for a character that folds
    /// to 0x7F (the last step folds every non-ASCII text character to 0x7F, whatever its low bits).
    /// </summary>
    private static IEnumerable<int> Codes(string keyword, int at) =>
        at >= keyword.Length || Fold(keyword[at]) == 0x7F ? Enumerable.Range(0, 32) : [keyword[at] & 31];

    private static uint Fold(char c) => c < 128 ? FoldTable[c] : 0x7Fu;

    private static byte[] BuildFold()
    {
        var table = new byte[128];
        for (var c = 0; c < 128; c++)
            table[c] = (byte)(c is >= 'A' and <= 'Z' ? c + 32 : c);
        table[0x7F] = 0x7F;
        return table;
    }
}
