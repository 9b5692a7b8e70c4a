using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>A GitHub Actions workflow or action as the audits see it: triggers, jobs and their steps.</summary>
internal sealed class GhWorkflow
{
    private GhWorkflow(YamlMappingNode root, bool isAction, SourceText source)
    {
        Root = root;
        IsAction = isAction;
        Source = source;
    }

    public YamlMappingNode Root { get; }

    public bool IsAction { get; }

    public SourceText Source { get; }

    public HashSet<string> Triggers { get; } = new(StringComparer.Ordinal);

    public YamlNode? OnNode { get; private set; }

    public List<GhJob> Jobs { get; } = [];

    public bool HasTrigger(params string[] names) => names.Any(Triggers.Contains);

    public static GhWorkflow? Read(YamlNode root, bool isAction, SourceText source)
    {
        if (root is not YamlMappingNode map)
            return null;
        var workflow = new GhWorkflow(map, isAction, source);
        if (isAction)
        {
            var runs = map.Get("runs");
            workflow.Jobs.Add(new GhJob("(action)", runs ?? map, runs as YamlMappingNode ?? map, [.. runs.Get("steps").Items()]));
            return workflow;
        }

        foreach (var (key, keyNode, value) in map.Entries())
        {
            if (key is "on" or "true")
            {
                workflow.OnNode = keyNode;
                workflow.Triggers.UnionWith(value switch
                {
                    YamlScalarNode s => [s.Value ?? ""],
                    YamlSequenceNode seq => seq.Strings(),
                    _ => value.Entries().Select(e => e.Key),
                });
            }
        }

        foreach (var (name, keyNode, value) in map.Get("jobs").Entries())
        {
            if (value is YamlMappingNode job)
                workflow.Jobs.Add(new GhJob(name, keyNode, job, [.. job.Get("steps").Items()]));
        }

        return workflow;
    }

    /// <summary>The push trigger's tag filter, if any (a release trigger in disguise).</summary>
    public bool PushesTags() =>
        Root.Entries().FirstOrDefault(e => e.Key is "on" or "true").Value.Get("push") is { } push
        && (push.Get("tags") is not null || push.Get("tags-ignore") is not null);
}
