namespace Rampart.Security.Vulns.Versions;

/// <summary>Compares digit strings of any length numerically (no overflow on long timestamps in versions).</summary>
internal static class Numbers
{
    public static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    public static int Compare(string a, string b)
    {
        if (!IsNumber(a) || !IsNumber(b))
            return Math.Sign(string.CompareOrdinal(a, b));
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
    }
}
