namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Recognises a file by its place and name first (<c>.github/workflows/*.yml</c>, <c>Dockerfile</c>,
/// <c>*.tf</c>), then, for other YAML and JSON, by a look at its top-level keys.
/// </summary>
internal static class FileClassifier
{
    public static ConfigFileType ByName(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        var lower = name.ToLowerInvariant();
        if (lower is "dockerfile" or "containerfile" || lower.EndsWith(".dockerfile", StringComparison.Ordinal)
            || lower.StartsWith("dockerfile.", StringComparison.Ordinal) || lower.StartsWith("containerfile.", StringComparison.Ordinal))
            return ConfigFileType.Dockerfile;
        if (lower.EndsWith(".tf", StringComparison.Ordinal))
            return ConfigFileType.Terraform;
        if (!IsYaml(lower))
            return ConfigFileType.Unknown;
        if (relativePath.Contains(".github/workflows/", StringComparison.Ordinal) || relativePath.StartsWith(".github/workflows/", StringComparison.Ordinal))
            return ConfigFileType.GitHubWorkflow;
        if (lower is "action.yml" or "action.yaml")
            return ConfigFileType.GitHubAction;
        if (lower is ".gitlab-ci.yml" or ".gitlab-ci.yaml")
            return ConfigFileType.GitLabCi;
        if (relativePath is ".rampart/pipeline.yml" || relativePath.EndsWith("/.rampart/pipeline.yml", StringComparison.Ordinal))
            return ConfigFileType.RampartPipeline;
        return ConfigFileType.Unknown;
    }

    public static bool IsYaml(string lowerName) => lowerName.EndsWith(".yml", StringComparison.Ordinal) || lowerName.EndsWith(".yaml", StringComparison.Ordinal);

    /// <summary>For YAML and JSON files that the name alone did not place.</summary>
    public static ConfigFileType ByContent(string relativePath, string text)
    {
        var lower = relativePath.ToLowerInvariant();
        if (lower.EndsWith(".json", StringComparison.Ordinal))
        {
            var head = text.AsSpan(0, Math.Min(text.Length, 64 * 1024));
            return head.Contains("\"format_version\"", StringComparison.Ordinal)
                && (head.Contains("\"planned_values\"", StringComparison.Ordinal) || head.Contains("\"resource_changes\"", StringComparison.Ordinal))
                ? ConfigFileType.TerraformPlan
                : ConfigFileType.Unknown;
        }

        if (!IsYaml(lower))
            return ConfigFileType.Unknown;
        var hasApiVersion = false;
        var hasKind = false;
        var hasJobs = false;
        var hasOn = false;
        var hasRuns = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.Length == 0 || line[0] is ' ' or '\t' or '#' or '-')
                continue;
            hasApiVersion |= line.StartsWith("apiVersion:", StringComparison.Ordinal);
            hasKind |= line.StartsWith("kind:", StringComparison.Ordinal);
            hasJobs |= line.StartsWith("jobs:", StringComparison.Ordinal);
            hasOn |= line.StartsWith("on:", StringComparison.Ordinal) || line.StartsWith("\"on\":", StringComparison.Ordinal) || line.StartsWith("'on':", StringComparison.Ordinal);
            hasRuns |= line.StartsWith("runs:", StringComparison.Ordinal);
        }

        if (hasApiVersion && hasKind)
            return ConfigFileType.Kubernetes;
        if (hasJobs && hasOn)
            return ConfigFileType.GitHubWorkflow;
        if (hasRuns && text.Contains("using:", StringComparison.Ordinal))
            return ConfigFileType.GitHubAction;
        return ConfigFileType.Unknown;
    }

    public static ConfigKind KindOf(ConfigFileType type) => type switch
    {
        ConfigFileType.GitHubWorkflow or ConfigFileType.GitHubAction or ConfigFileType.GitLabCi or ConfigFileType.RampartPipeline => ConfigKind.Workflow,
        ConfigFileType.Kubernetes => ConfigKind.Kubernetes,
        ConfigFileType.Dockerfile => ConfigKind.Dockerfile,
        ConfigFileType.Terraform or ConfigFileType.TerraformPlan => ConfigKind.Terraform,
        _ => ConfigKind.General,
    };
}
