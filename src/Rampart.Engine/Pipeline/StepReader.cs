using System.Globalization;
using Rampart.Engine.Pipeline.Yaml;

namespace Rampart.Engine.Pipeline;

/// <summary>Reads a job's <c>steps</c>: each one a script whose text never contains template expressions.</summary>
internal sealed class StepReader(NodeReader reader)
{
    public List<StepDefinition> ReadAll(YamlMapping job, string jobPath, TimeSpan jobTimeout)
    {
        var steps = new List<StepDefinition>();
        var path = $"{jobPath}.steps";
        if (job.Find("steps") is not { } node)
        {
            reader.Error(job.Mark, jobPath, "missing required key 'steps'");
            return steps;
        }

        if (node is not YamlSequence sequence)
        {
            reader.Error(node.Mark, path, $"must be a list of steps, not {node.Kind}");
            return steps;
        }

        if (sequence.Items.Count == 0)
        {
            reader.Error(node.Mark, path, "a job needs at least one step");
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (Read(sequence.Items[i], $"{path}[{i}]", i + 1, jobTimeout) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private StepDefinition? Read(YamlNode node, string path, int number, TimeSpan jobTimeout)
    {
        if (reader.Mapping(node, path, PipelineKeys.Step) is not { } map)
        {
            return null;
        }

        var name = "step " + number.ToString(CultureInfo.InvariantCulture);
        if (map.Find("name") is { } nameNode && reader.Text(nameNode, $"{path}.name") is { } text)
        {
            if (text.Length is 0 or > 100 || text.Any(char.IsControl))
            {
                reader.Error(nameNode.Mark, $"{path}.name", "must be 1 to 100 characters on one line");
            }

            name = text;
        }

        string? run = null;
        if (map.Find("run") is not { } runNode)
        {
            reader.Error(map.Mark, path, "missing required key 'run'");
        }
        else if (reader.Text(runNode, $"{path}.run") is { } script)
        {
            if (string.IsNullOrWhiteSpace(script))
            {
                reader.Error(runNode.Mark, $"{path}.run", "must not be empty");
            }
            else if (reader.NoTemplate(script, runNode.Mark, $"{path}.run"))
            {
                run = script;
            }
        }

        var env = reader.Env(map.Find("env"), $"{path}.env");
        TimeSpan? timeout = null;
        if (map.Find("timeout") is { } timeoutNode && reader.Duration(timeoutNode, $"{path}.timeout") is { } value)
        {
            if (value > jobTimeout)
            {
                reader.Error(timeoutNode.Mark, $"{path}.timeout", $"is longer than the job's timeout ({jobTimeout:g})");
            }

            timeout = value;
        }

        return run is null ? null : new StepDefinition(name, run, env, timeout, map.Mark);
    }
}
