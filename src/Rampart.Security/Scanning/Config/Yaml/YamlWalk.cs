using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Yaml;

/// <summary>Visits every scalar under a node once, even when aliases share nodes (linear in the file's size).</summary>
internal static class YamlWalk
{
    public static IEnumerable<YamlScalarNode> Scalars(YamlNode root)
    {
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node))
                continue;
            switch (node)
            {
                case YamlScalarNode scalar:
                    yield return scalar;
                    break;
                case YamlSequenceNode seq:
                    for (var i = seq.Children.Count - 1; i >= 0; i--)
                        stack.Push(seq.Children[i]);
                    break;
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children.Reverse())
                    {
                        stack.Push(v);
                        stack.Push(k);
                    }

                    break;
            }
        }
    }
}
