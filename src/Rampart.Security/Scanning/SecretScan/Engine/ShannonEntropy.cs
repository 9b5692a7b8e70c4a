namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>Shannon entropy in bits per character, over the characters of the text.</summary>
internal static class ShannonEntropy
{
    public static double Of(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
            return 0;
        Span<int> ascii = stackalloc int[128];
        Dictionary<char, int>? other = null;
        foreach (var c in text)
        {
            if (c < 128)
                ascii[c]++;
            else
            {
                other ??= [];
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double length = text.Length;
        var entropy = 0.0;
        foreach (var count in ascii)
        {
            if (count > 0)
                entropy -= count / length * Math.Log2(count / length);
        }

        if (other is not null)
        {
            foreach (var count in other.Values)
                entropy -= count / length * Math.Log2(count / length);
        }

        return entropy;
    }
}
