namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// SemVer 2.0 precedence (npm, crates.io, Go modules). A leading <c>v</c> is allowed; build metadata,
/// including Go's <c>+incompatible</c>, is ignored. Go pseudo-versions are prereleases, so they sort
/// before the release they precede, as Go orders them.
/// </summary>
public sealed class SemVerOrder : IVersionOrder
{
    public static SemVerOrder Instance { get; } = new();

    private static readonly ParseCache<(string[] Core, string Pre)> Cache = new(Split);

    public int Compare(string a, string b)
    {
        var (coreA, preA) = Cache.Get(a);
        var (coreB, preB) = Cache.Get(b);
        for (var i = 0; i < Math.Max(coreA.Length, coreB.Length); i++)
        {
            var c = Numbers.Compare(i < coreA.Length ? coreA[i] : "0", i < coreB.Length ? coreB[i] : "0");
            if (c != 0)
                return c;
        }

        if (preA.Length == 0 || preB.Length == 0)
            return preA.Length == preB.Length ? 0 : preA.Length == 0 ? 1 : -1;
        var idsA = preA.Split('.');
        var idsB = preB.Split('.');
        for (var i = 0; i < Math.Min(idsA.Length, idsB.Length); i++)
        {
            var numA = Numbers.IsNumber(idsA[i]);
            var numB = Numbers.IsNumber(idsB[i]);
            var c = numA && numB ? Numbers.Compare(idsA[i], idsB[i])
                : numA ? -1 : numB ? 1 : string.CompareOrdinal(idsA[i], idsB[i]);
            if (c != 0)
                return Math.Sign(c);
        }

        return idsA.Length.CompareTo(idsB.Length);
    }

    private static (string[] Core, string Pre) Split(string version)
    {
        var text = version.Trim();
        if (text.StartsWith('v') || text.StartsWith('V'))
            text = text[1..];
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
            text = text[..plus];
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 ? (text[..dash].Split('.'), text[(dash + 1)..]) : (text.Split('.'), "");
    }
}
