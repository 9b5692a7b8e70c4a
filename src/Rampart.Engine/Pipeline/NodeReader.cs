using Rampart.Engine.Pipeline.Yaml;

namespace Rampart.Engine.Pipeline;

/// <summary>Typed access to YAML nodes that reports, rather than throws, when a node has the wrong shape.</summary>
internal sealed class NodeReader(DiagnosticBag diagnostics)
{
    public const string TemplateMessage =
        "template expressions (${{ ... }}) are not allowed: contexts reach steps only as RAMPART_* environment variables, " +
        "so text from a commit or pull request can never become part of a script";

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public void Error(SourceMark mark, string path, string message) => Diagnostics.Add(mark, $"{path}: {message}");

    public YamlMapping? Mapping(YamlNode node, string path, IReadOnlyList<string> allowedKeys)
    {
        if (node is not YamlMapping mapping)
        {
            Error(node.Mark, path, $"must be a mapping, not {node.Kind}");
            return null;
        }

        foreach (var (key, _) in mapping.Entries)
        {
            if (!allowedKeys.Contains(key.Value))
            {
                Error(key.Mark, path, $"unknown key '{key.Value}'; allowed keys: {string.Join(", ", allowedKeys)}");
            }
        }

        return mapping;
    }

    /// <summary>A scalar's text; numbers and booleans are taken as written. Null and collections are errors.</summary>
    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        Error(node.Mark, path, $"must be a string, not {node.Kind}");
        return null;
    }

    /// <summary>A list of strings; when <paramref name="allowSingle"/>, a lone string counts as a list of one.</summary>
    public List<(string Value, SourceMark Mark)> TextList(YamlNode node, string path, bool allowSingle)
    {
        var result = new List<(string, SourceMark)>();
        if (allowSingle && node is YamlScalar { IsNull: false } single)
        {
            result.Add((single.Value, single.Mark));
            return result;
        }

        if (node is not YamlSequence sequence)
        {
            Error(node.Mark, path, $"must be a list{(allowSingle ? " or a string" : "")}, not {node.Kind}");
            return result;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (Text(sequence.Items[i], $"{path}[{i}]") is { } text)
            {
                result.Add((text, sequence.Items[i].Mark));
            }
        }

        return result;
    }

    /// <summary>An <c>env</c> mapping: valid, unreserved names and template-free literal values.</summary>
    public Dictionary<string, string> Env(YamlNode? node, string path)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return env;
        }

        if (node is not YamlMapping mapping)
        {
            Error(node.Mark, path, $"must be a mapping of NAME: value, not {node.Kind}");
            return env;
        }

        foreach (var (key, valueNode) in mapping.Entries)
        {
            var name = key.Value;
            if (!PipelineValues.IsEnvName(name))
            {
                Error(key.Mark, path, $"'{name}' is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*, at most 128 characters)");
            }
            else if (PipelineValues.IsReserved(name))
            {
                Error(key.Mark, path, $"'{name}': names starting with RAMPART_ are reserved for the values Rampart provides");
            }

            if (Text(valueNode, $"{path}.{name}") is { } value && NoTemplate(value, valueNode.Mark, $"{path}.{name}"))
            {
                env[name] = value;
            }
        }

        return env;
    }

    public bool NoTemplate(string value, SourceMark mark, string path)
    {
        if (!value.Contains("${{", StringComparison.Ordinal))
        {
            return true;
        }

        Error(mark, path, TemplateMessage);
        return false;
    }

    public TimeSpan? Duration(YamlNode node, string path)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        var duration = PipelineValues.ParseDuration(text);
        if (duration is null || duration <= TimeSpan.Zero)
        {
            Error(node.Mark, path, $"'{text}' is not a duration; write it like 90s, 20m, 1h or 1h30m");
            return null;
        }

        if (duration > PipelineValues.MaxTimeout)
        {
            Error(node.Mark, path, $"'{text}' is longer than the maximum of 6h");
            return null;
        }

        return duration;
    }

    public long? Size(YamlNode node, string path, long min, long max, string range)
    {
        if (Text(node, path) is not { } text)
        {
            return null;
        }

        var size = PipelineValues.ParseSize(text);
        if (size is null)
        {
            Error(node.Mark, path, $"'{text}' is not a size; write it like 512k, 64m or 2g");
            return null;
        }

        if (size < min || size > max)
        {
            Error(node.Mark, path, $"'{text}' is out of range ({range})");
            return null;
        }

        return size;
    }
}
