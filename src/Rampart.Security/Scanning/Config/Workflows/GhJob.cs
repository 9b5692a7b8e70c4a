using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>A job (or an action's <c>runs</c>), its key node for positions, and its steps.</summary>
internal sealed record GhJob(string Id, YamlNode KeyNode, YamlMappingNode Node, IReadOnlyList<YamlNode> Steps)
{
    public string StepKey(int index) => $"jobs.{Id}.steps[{index}]";

    public static string? Uses(YamlNode step) => step.GetStr("uses")?.Trim();

    /// <summary>The action's <c>owner/repo</c> (lower case) without path or ref, or null for local and docker actions.</summary>
    public static string? ActionName(YamlNode step)
    {
        var uses = Uses(step);
        if (uses is null || uses.StartsWith("./", StringComparison.Ordinal) || uses.StartsWith("docker://", StringComparison.Ordinal))
            return null;
        var at = uses.IndexOf('@', StringComparison.Ordinal);
        var path = (at < 0 ? uses : uses[..at]).ToLowerInvariant();
        var parts = path.Split('/');
        return parts.Length >= 2 ? parts[0] + "/" + parts[1] : path;
    }

    /// <summary>The action path without ref (keeps sub-paths such as <c>actions/cache/restore</c>).</summary>
    public static string? ActionPath(YamlNode step)
    {
        var uses = Uses(step);
        if (uses is null)
            return null;
        var at = uses.IndexOf('@', StringComparison.Ordinal);
        return (at < 0 ? uses : uses[..at]).ToLowerInvariant();
    }

    public bool UsesAction(string name) => Steps.Any(s => ActionName(s) == name);
}
