namespace Rampart.Security.Vulns.Versions;

/// <summary>
/// Maven's <c>ComparableVersion</c>: the version splits at '.', '-' and digit/letter boundaries into
/// numbers, qualifiers and sub-lists ('-' starts a sub-list); trailing "null" items (0, "", ga, final,
/// release) are dropped; known qualifiers order alpha &lt; beta &lt; milestone &lt; rc &lt; snapshot
/// &lt; release &lt; sp, unknown ones after, alphabetically.
/// </summary>
public sealed class MavenOrder : IVersionOrder
{
    public static MavenOrder Instance { get; } = new();

    private static readonly ParseCache<List<object>> Cache = new(MavenItems.Parse);

    public int Compare(string a, string b) => Math.Sign(CompareLists(Cache.Get(a), Cache.Get(b)));

    internal static int CompareLists(List<object> x, List<object> y)
    {
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var l = i < x.Count ? x[i] : null;
            var r = i < y.Count ? y[i] : null;
            var c = l is null ? -CompareItem(r!, null) : CompareItem(l, r);
            if (c != 0)
                return c;
        }

        return 0;
    }

    // Items: string (digits: a number), MavenQualifier, or List<object>. null stands for "absent".
    private static int CompareItem(object item, object? other)
    {
        switch (item)
        {
            case string number:
                return other switch
                {
                    null => number.TrimStart('0').Length == 0 ? 0 : 1,
                    string n => Numbers.Compare(number, n),
                    _ => 1, // a number beats a qualifier and a list
                };
            case MavenQualifier q:
                return other switch
                {
                    null => q.CompareTo(MavenQualifier.Release),
                    string => -1,
                    MavenQualifier o => q.CompareTo(o),
                    _ => -1, // a qualifier is below a list
                };
            case List<object> list:
                return other switch
                {
                    null => list.Count == 0 ? 0 : CompareItem(list[0], null),
                    string => -1,
                    MavenQualifier => 1,
                    List<object> o => CompareLists(list, o),
                    _ => 0,
                };
            default:
                return 0;
        }
    }
}
