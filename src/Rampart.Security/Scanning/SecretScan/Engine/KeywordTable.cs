using System.Runtime.CompilerServices;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// The keywords that start with one folded two- or three-character key: an open-addressing table of
/// plain arrays, read on every candidate start (a dictionary lookup cost more than the comparisons).
/// </summary>
internal sealed class KeywordTable
{
    private readonly uint[] _keys;
    private readonly (string Keyword, int[] Rules, int Known)[][] _values;
    private readonly int _shift;

    public KeywordTable(Dictionary<uint, List<(string, int[], int)>> entries)
    {
        var size = 16;
        while (size < entries.Count * 2)
            size *= 2;
        _shift = 32 - int.Log2(size);
        _keys = new uint[size];
        _values = new (string, int[], int)[size][];
        Array.Fill(_keys, uint.MaxValue);
        foreach (var (key, list) in entries)
        {
            var slot = Slot(key);
            while (_keys[slot] != uint.MaxValue)
                slot = (slot + 1) & (size - 1);
            _keys[slot] = key;
            _values[slot] = [.. list];
        }
    }

    /// <summary>The keywords under <paramref name="key"/> (keys are below 2^21), or none.</summary>
    public (string Keyword, int[] Rules, int Known)[] this[uint key]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            var mask = _keys.Length - 1;
            for (var slot = Slot(key); ; slot = (slot + 1) & mask)
            {
                var found = _keys[slot];
                if (found == key)
                    return _values[slot];
                if (found == uint.MaxValue)
                    return [];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(uint key) => (int)((key * 0x9E3779B1u) >> _shift);
}
