using Rampart.Engine.Pipeline.Yaml;

namespace Rampart.Engine.Pipeline;

/// <summary>Reads one entry of <c>jobs</c>. Everything a job may receive defaults to nothing.</summary>
internal sealed class JobReader(NodeReader reader)
{
    private const long MiB = 1L << 20;

    public JobEntry Read(YamlScalar key, YamlNode node)
    {
        var name = key.Value;
        var path = $"jobs.{name}";
        var before = reader.Diagnostics.Count;
        if (!PipelineValues.IsJobName(name))
        {
            reader.Error(key.Mark, "jobs", $"'{name}' is not a valid job name ([a-z0-9][a-z0-9_-]*, at most 64 characters)");
        }

        if (reader.Mapping(node, path, PipelineKeys.Job) is not { } map)
        {
            return new JobEntry(name, key.Mark, [], null);
        }

        var needs = map.Find("needs") is { } needsNode ? reader.TextList(needsNode, $"{path}.needs", allowSingle: true) : [];
        var runsOn = map.Find("runs-on") is { } r ? ReadLabels(r, $"{path}.runs-on") : [];
        var timeout = map.Find("timeout") is { } t ? reader.Duration(t, $"{path}.timeout") : null;
        var effectiveTimeout = timeout ?? JobDefinition.DefaultTimeout;
        var permissions = map.Find("permissions") is { } p ? ReadPermissions(p, $"{path}.permissions") : JobPermissions.None;
        var network = map.Find("network") is { } n ? ReadNetwork(n, $"{path}.network") : NetworkPolicy.None;
        var environment = map.Find("environment") is { } e ? ReadEnvironment(e, $"{path}.environment") : null;
        var limits = map.Find("limits") is { } l ? ReadLimits(l, $"{path}.limits") : ResourceLimits.Default;
        var env = reader.Env(map.Find("env"), $"{path}.env");
        var artifacts = map.Find("artifacts") is { } a ? ReadArtifacts(a, $"{path}.artifacts") : [];
        var steps = new StepReader(reader).ReadAll(map, path, effectiveTimeout);

        var definition = reader.Diagnostics.Count != before || permissions is null || network is null || limits is null
            ? null
            : new JobDefinition(
                name, [.. needs.Select(x => x.Value).Distinct()], steps, effectiveTimeout, permissions, network,
                artifacts, environment, env, limits, key.Mark) { RunsOn = runsOn };
        return new JobEntry(name, key.Mark, needs, definition);
    }

    private List<string> ReadLabels(YamlNode node, string path)
    {
        var labels = new List<string>();
        foreach (var (label, mark) in reader.TextList(node, path, allowSingle: true))
        {
            if (!PipelineValues.IsRunnerLabel(label))
                reader.Error(mark, path, $"'{label}' is not a valid runner label ([a-z0-9][a-z0-9._-]*, at most 64 characters)");
            else if (!labels.Contains(label))
                labels.Add(label);
        }

        return labels;
    }

    private JobPermissions? ReadPermissions(YamlNode node, string path)
    {
        if (reader.Mapping(node, path, PipelineKeys.Permissions) is not { } map)
        {
            return null;
        }

        var idToken = false;
        if (map.Find("id-token") is { } idNode && reader.Text(idNode, $"{path}.id-token") is { } value)
        {
            idToken = value == "write";
            if (value is not ("write" or "none"))
            {
                reader.Error(idNode.Mark, $"{path}.id-token", $"'{value}' is not allowed; use 'write' or 'none'");
            }
        }

        var secrets = new List<string>();
        if (map.Find("secrets") is { } secretsNode)
        {
            foreach (var (secret, mark) in reader.TextList(secretsNode, $"{path}.secrets", allowSingle: false))
            {
                if (!PipelineValues.IsSecretName(secret))
                {
                    reader.Error(mark, $"{path}.secrets", $"'{secret}' is not a valid secret name ([A-Z_][A-Z0-9_]*, at most 128 characters)");
                }
                else if (PipelineValues.IsReserved(secret))
                {
                    reader.Error(mark, $"{path}.secrets", $"'{secret}': names starting with RAMPART_ are reserved");
                }
                else if (secrets.Contains(secret))
                {
                    reader.Error(mark, $"{path}.secrets", $"'{secret}' is listed twice");
                }
                else
                {
                    secrets.Add(secret);
                }
            }
        }

        var secretsAs = SecretDelivery.Environment;
        if (map.Find("secrets-as") is { } asNode && reader.Text(asNode, $"{path}.secrets-as") is { } delivery)
        {
            secretsAs = delivery == "files" ? SecretDelivery.Files : SecretDelivery.Environment;
            if (delivery is not ("env" or "files"))
            {
                reader.Error(asNode.Mark, $"{path}.secrets-as", $"'{delivery}' is not allowed; use 'env' or 'files'");
            }
        }

        return new JobPermissions(idToken, secrets) { SecretsAs = secretsAs };
    }

    private NetworkPolicy? ReadNetwork(YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            switch (scalar.Value)
            {
                case "none":
                    return NetworkPolicy.None;
                case "all":
                    return new NetworkPolicy(NetworkMode.All, []);
                default:
                    reader.Error(node.Mark, path, $"'{scalar.Value}' is not allowed; use none, all, or a list of host:port");
                    return null;
            }
        }

        var allow = new List<HostPort>();
        foreach (var (text, mark) in reader.TextList(node, path, allowSingle: false))
        {
            if (PipelineValues.ParseHostPort(text) is not { } hostPort)
            {
                reader.Error(mark, path, $"'{text}' is not host:port (a host name, IPv4 address or [IPv6] address, and a port 1-65535)");
            }
            else if (allow.Contains(hostPort))
            {
                reader.Error(mark, path, $"'{text}' is listed twice");
            }
            else
            {
                allow.Add(hostPort);
            }
        }

        return allow.Count == 0 ? NetworkPolicy.None : new NetworkPolicy(NetworkMode.AllowList, allow);
    }

    private string? ReadEnvironment(YamlNode node, string path)
    {
        var value = reader.Text(node, path);
        if (value is not null && !PipelineValues.IsJobName(value))
        {
            reader.Error(node.Mark, path, $"'{value}' is not a valid environment name ([a-z0-9][a-z0-9_-]*, at most 64 characters)");
        }

        return value;
    }

    private ResourceLimits? ReadLimits(YamlNode node, string path)
    {
        if (reader.Mapping(node, path, PipelineKeys.Limits) is not { } map)
        {
            return null;
        }

        var defaults = ResourceLimits.Default;
        var memory = map.Find("memory") is { } m ? reader.Size(m, $"{path}.memory", MiB, 256L << 30, "1m to 256g") : defaults.MemoryBytes;
        var output = map.Find("output") is { } o ? reader.Size(o, $"{path}.output", 1L << 10, 1L << 30, "1k to 1g") : defaults.OutputBytes;
        int? processes = defaults.Processes;
        if (map.Find("processes") is { } p && reader.Text(p, $"{path}.processes") is { } text)
        {
            processes = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                && count is >= 1 and <= 100_000 ? count : null;
            if (processes is null)
            {
                reader.Error(p.Mark, $"{path}.processes", $"'{text}' is not a whole number from 1 to 100000");
            }
        }

        return memory is null || output is null || processes is null ? null : new ResourceLimits(memory.Value, processes.Value, output.Value);
    }

    private List<string> ReadArtifacts(YamlNode node, string path)
    {
        var globs = new List<string>();
        foreach (var (glob, mark) in reader.TextList(node, path, allowSingle: false))
        {
            if (PipelineValues.ArtifactGlobProblem(glob) is { } problem)
            {
                reader.Error(mark, path, $"'{glob}' {problem}");
            }
            else
            {
                globs.Add(glob);
            }
        }

        return globs;
    }
}
