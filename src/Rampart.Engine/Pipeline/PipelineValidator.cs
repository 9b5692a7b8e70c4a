using Rampart.Core.Findings;
using Rampart.Engine.Pipeline.Yaml;

namespace Rampart.Engine.Pipeline;

/// <summary>Checks a YAML tree against the pipeline format and builds the model, reporting every problem.</summary>
internal sealed class PipelineValidator(NodeReader reader)
{
    public const int MaxJobs = 500;

    private static readonly PipelineTriggers DefaultTriggers = new(new BranchFilter([]), null);

    public PipelineDefinition? Validate(YamlNode root)
    {
        if (reader.Mapping(root, "pipeline", PipelineKeys.Root) is not { } map)
        {
            return null;
        }

        var name = ReadName(map);
        var triggers = map.Find("on") is { } on ? ReadTriggers(on) : DefaultTriggers;
        var env = reader.Env(map.Find("env"), "env");
        var gate = map.Find("gate") is { } gateNode ? ReadGate(gateNode) : GateSettings.Default;
        var jobs = ReadJobs(map);
        return name is null || triggers is null || gate is null || jobs is null
            ? null
            : new PipelineDefinition(name, triggers, env, jobs, gate);
    }

    private string? ReadName(YamlMapping map)
    {
        if (map.Find("name") is not { } node)
        {
            reader.Error(map.Mark, "pipeline", "missing required key 'name'");
            return null;
        }

        var name = reader.Text(node, "name");
        if (name is not null && !PipelineValues.IsPipelineName(name))
        {
            reader.Error(node.Mark, "name", $"'{name}' is not a valid pipeline name ([A-Za-z0-9._-], 1 to 100 characters)");
            return null;
        }

        return name;
    }

    private PipelineTriggers? ReadTriggers(YamlNode node)
    {
        var events = new Dictionary<string, BranchFilter>(StringComparer.Ordinal);
        var before = reader.Diagnostics.Count;
        if (node is YamlMapping)
        {
            foreach (var (key, value) in reader.Mapping(node, "on", PipelineKeys.Triggers)!.Entries)
            {
                if (PipelineKeys.Triggers.Contains(key.Value) && ReadBranchFilter(value, $"on.{key.Value}") is { } filter)
                {
                    events[key.Value] = filter;
                }
            }
        }
        else
        {
            foreach (var (name, mark) in reader.TextList(node, "on", allowSingle: true))
            {
                if (!PipelineKeys.Triggers.Contains(name))
                {
                    reader.Error(mark, "on", $"unknown event '{name}'; allowed events: {string.Join(", ", PipelineKeys.Triggers)}");
                }
                else if (!events.TryAdd(name, new BranchFilter([])))
                {
                    reader.Error(mark, "on", $"event '{name}' is listed twice");
                }
            }
        }

        if (events.Count == 0 && reader.Diagnostics.Count == before)
        {
            reader.Error(node.Mark, "on", "must name at least one event: push, pull_request");
        }

        if (events.Count == 0)
        {
            return null;
        }

        return new PipelineTriggers(events.GetValueOrDefault("push"), events.GetValueOrDefault("pull_request"));
    }

    private BranchFilter? ReadBranchFilter(YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return new BranchFilter([]);
        }

        if (reader.Mapping(node, path, PipelineKeys.Trigger) is not { } map)
        {
            return null;
        }

        var branches = new List<string>();
        if (map.Find("branches") is { } list)
        {
            foreach (var (glob, mark) in reader.TextList(list, $"{path}.branches", allowSingle: true))
            {
                if (glob.Length is 0 or > 255 || glob.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    reader.Error(mark, $"{path}.branches", $"'{glob}' is not a branch pattern (1 to 255 characters, no spaces)");
                }
                else
                {
                    branches.Add(glob);
                }
            }
        }

        return new BranchFilter(branches);
    }

    private GateSettings? ReadGate(YamlNode node)
    {
        if (reader.Mapping(node, "gate", PipelineKeys.Gate) is not { } map)
        {
            return null;
        }

        if (map.Find("fail-on") is not { } failOn)
        {
            return GateSettings.Default;
        }

        if (reader.Text(failOn, "gate.fail-on") is not { } text)
        {
            return null;
        }

        if (text == "never")
        {
            return GateSettings.Never;
        }

        if (text is "info" or "low" or "medium" or "high" or "critical")
        {
            return new GateSettings(Enum.Parse<Severity>(text, ignoreCase: true));
        }

        reader.Error(failOn.Mark, "gate.fail-on", $"'{text}' is not one of: info, low, medium, high, critical, never");
        return null;
    }

    private List<JobDefinition>? ReadJobs(YamlMapping map)
    {
        if (map.Find("jobs") is not { } node)
        {
            reader.Error(map.Mark, "pipeline", "missing required key 'jobs'");
            return null;
        }

        if (node is not YamlMapping jobsMap)
        {
            reader.Error(node.Mark, "jobs", $"must be a mapping of job name to job, not {node.Kind}");
            return null;
        }

        if (jobsMap.Entries.Count == 0)
        {
            reader.Error(node.Mark, "jobs", "must define at least one job");
            return null;
        }

        if (jobsMap.Entries.Count > MaxJobs)
        {
            reader.Error(node.Mark, "jobs", $"at most {MaxJobs} jobs are allowed, found {jobsMap.Entries.Count}");
            return null;
        }

        var jobReader = new JobReader(reader);
        var entries = jobsMap.Entries.Select(e => jobReader.Read(e.Key, e.Value)).ToList();
        new NeedsChecker(reader).Check(entries);
        return entries.All(e => e.Definition is not null) ? [.. entries.Select(e => e.Definition!)] : null;
    }
}
