using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// Expands a value written as <c>${{ matrix.x }}</c> into the values the job's matrix gives x
/// (the dimension and its <c>include</c> entries), so checks see each concrete runner or image.
/// </summary>
internal static partial class GhMatrix
{
    public static List<YamlScalarNode> Expand(GhJob job, YamlScalarNode node)
    {
        var match = MatrixReference().Match(node.Value ?? "");
        if (!match.Success)
            return [node];
        var key = match.Groups[1].Value;
        var matrix = job.Node.GetPath("strategy", "matrix");
        var values = matrix.Get(key) is YamlSequenceNode seq ? YamlWalk.Scalars(seq).ToList() : [];
        values.AddRange(matrix.Get("include").Items().SelectMany(i => i.Get(key) is { } v ? YamlWalk.Scalars(v) : []));
        return [.. values.Where(v => !string.IsNullOrEmpty(v.Value))];
    }

    [GeneratedRegex(@"^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MatrixReference();
}
