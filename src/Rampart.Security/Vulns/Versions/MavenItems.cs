namespace Rampart.Security.Vulns.Versions;

/// <summary>Parses a Maven version into ComparableVersion's item tree (see <see cref="MavenOrder"/>).</summary>
internal static class MavenItems
{
    public static List<object> Parse(string version)
    {
        var text = version.Trim().ToLowerInvariant();
        var root = new List<object>();
        var list = root;
        var stack = new Stack<List<object>>();
        var start = 0;
        var isDigit = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                list.Add(i == start ? "0" : Item(text[start..i], isDigit, false));
                start = i + 1;
            }
            else if (c == '-')
            {
                list.Add(i == start ? "0" : Item(text[start..i], isDigit, false));
                start = i + 1;
                var sub = new List<object>();
                list.Add(sub);
                stack.Push(list);
                list = sub;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (!isDigit && i > start)
                {
                    // letters followed by a digit: "rc1" means rc-1
                    list.Add(Item(text[start..i], false, true));
                    start = i;
                    var sub = new List<object>();
                    list.Add(sub);
                    stack.Push(list);
                    list = sub;
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Add(Item(text[start..i], true, false));
                    start = i;
                    var sub = new List<object>();
                    list.Add(sub);
                    stack.Push(list);
                    list = sub;
                }

                isDigit = false;
            }
        }

        if (text.Length > start)
            list.Add(Item(text[start..], isDigit, false));
        Normalize(root);
        return root;
    }

    private static object Item(string text, bool digit, bool followedByDigit) =>
        digit ? (text.TrimStart('0') is { Length: > 0 } t ? t : "0") : MavenQualifier.Create(text, followedByDigit);

    // Drops trailing null items (0, release qualifiers, empty lists) at every level, right to left.
    private static void Normalize(List<object> list)
    {
        foreach (var sub in list.OfType<List<object>>())
            Normalize(sub);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            var item = list[i];
            var isNull = item switch
            {
                string n => n == "0",
                MavenQualifier q => q.Text.Length == 0,
                List<object> l => l.Count == 0,
                _ => false,
            };
            if (isNull)
                list.RemoveAt(i);
            else if (item is not List<object>)
                break;
        }
    }
}
