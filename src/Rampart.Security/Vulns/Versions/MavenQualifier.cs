namespace Rampart.Security.Vulns.Versions;

/// <summary>A textual item of a Maven version, ranked as ComparableVersion ranks qualifiers.</summary>
internal sealed record MavenQualifier(string Text) : IComparable<MavenQualifier>
{
    public static MavenQualifier Release { get; } = new("");

    private static readonly string[] Known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

    public static MavenQualifier Create(string text, bool followedByDigit)
    {
        var t = text.ToLowerInvariant();
        if (followedByDigit && t.Length == 1)
            t = t switch { "a" => "alpha", "b" => "beta", "m" => "milestone", _ => t };
        t = t switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => t };
        return new MavenQualifier(t);
    }

    public int CompareTo(MavenQualifier? other)
    {
        if (other is null)
            return 1;
        return string.CompareOrdinal(Key(Text), Key(other.Text)) switch { < 0 => -1, > 0 => 1, _ => 0 };
    }

    private static string Key(string text)
    {
        var i = Array.IndexOf(Known, text);
        return i >= 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : Known.Length + "-" + text;
    }
}
