using System.Text.RegularExpressions;

namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// PEP 440 ordering: epoch, release (trailing zeros ignored), pre (a &lt; b &lt; rc, with the spelling
/// aliases), post, dev, then local segments. A dev release of a final version sorts before its
/// prereleases; a version without post sorts before its post releases.
/// </summary>
public sealed partial class Pep440Order : IVersionOrder
{
    public static Pep440Order Instance { get; } = new();

    private static readonly ParseCache<Pep440?> Cache = new(Parse);

    public int Compare(string a, string b)
    {
        var x = Cache.Get(a);
        var y = Cache.Get(b);
        // Versions that are not PEP 440 ("legacy" versions) sort before every valid one, as pip sorts them.
        if (x is null || y is null)
            return x is null && y is null ? GenericOrder.Instance.Compare(a, b) : x is null ? -1 : 1;
        var c = x.Epoch.CompareTo(y.Epoch);
        if (c != 0)
            return c;
        for (var i = 0; i < Math.Max(x.Release.Length, y.Release.Length); i++)
        {
            c = Numbers.Compare(i < x.Release.Length ? x.Release[i] : "0", i < y.Release.Length ? y.Release[i] : "0");
            if (c != 0)
                return c;
        }

        c = PreKey(x).CompareTo(PreKey(y));
        if (c != 0)
            return c;
        c = (x.Post ?? -1).CompareTo(y.Post ?? -1);
        if (c != 0)
            return c;
        c = (x.Dev ?? long.MaxValue).CompareTo(y.Dev ?? long.MaxValue);
        if (c != 0)
            return c;
        return CompareLocal(x.Local, y.Local);
    }

    // (kind, number): dev-only finals sort below every prerelease; finals above.
    private static (int, long) PreKey(Pep440 v) =>
        v.PreKind is null && v.Post is null && v.Dev is not null ? (-1, 0)
        : v.PreKind is null ? (3, 0)
        : (v.PreKind.Value, v.PreNumber);

    private static int CompareLocal(string[] x, string[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var nx = Numbers.IsNumber(x[i]);
            var ny = Numbers.IsNumber(y[i]);
            var c = nx && ny ? Numbers.Compare(x[i], y[i]) : nx ? 1 : ny ? -1 : Math.Sign(string.CompareOrdinal(x[i], y[i]));
            if (c != 0)
                return c;
        }

        return x.Length.CompareTo(y.Length);
    }

    private static Pep440? Parse(string text)
    {
        var m = VersionRegex().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
            return null;
        int? preKind = m.Groups["pre_l"].Success ? m.Groups["pre_l"].Value switch
        {
            "a" or "alpha" => 0,
            "b" or "beta" => 1,
            _ => 2,
        } : null;
        long? post = m.Groups["post_n1"].Success ? long.Parse(m.Groups["post_n1"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : m.Groups["post_l"].Success ? (m.Groups["post_n2"].Success ? long.Parse(m.Groups["post_n2"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0) : null;
        long? dev = m.Groups["dev_l"].Success ? (m.Groups["dev_n"].Success ? long.Parse(m.Groups["dev_n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0) : null;
        return new Pep440(
            m.Groups["epoch"].Success ? long.Parse(m.Groups["epoch"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            m.Groups["release"].Value.Split('.'),
            preKind,
            m.Groups["pre_n"].Success ? long.Parse(m.Groups["pre_n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
            post,
            dev,
            m.Groups["local"].Success ? m.Groups["local"].Value.Split('.', '-', '_') : []);
    }

    // The regular expression from PEP 440's appendix, with named groups.
    [GeneratedRegex(@"^v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\.[0-9]+)*)(?:[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?(?:-(?<post_n1>[0-9]+)|[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?)?(?:[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?(?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?$")]
    private static partial Regex VersionRegex();

    private sealed record Pep440(long Epoch, string[] Release, int? PreKind, long PreNumber, long? Post, long? Dev, string[] Local);
}
