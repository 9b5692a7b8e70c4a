using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Audits GitLab CI files (<c>.gitlab-ci.yml</c> and the local files it includes).</summary>
internal sealed partial class GitLabCiAnalyzer : IConfigAnalyzer
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "stages", "variables", "include", "default", "workflow", "image", "services", "before_script", "after_script", "cache", "spec", "pages",
    };

    public bool Handles(ConfigFileType type) => type == ConfigFileType.GitLabCi;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        foreach (var root in YamlLoader.LoadDocuments(file.Text))
        {
            if (root is not YamlMappingNode map)
                continue;
            Includes(map.Get("include"), hits);
            Variables(map.Get("variables"), "variables", hits);
            Images(map, "", hits);
            Images(map.Get("default"), "default", hits);
            Scripts(map.Get("default"), "default", hits);
            foreach (var (name, _, job) in map.Entries())
            {
                if (Reserved.Contains(name) || job is not YamlMappingNode)
                    continue;
                Images(job, name, hits);
                Scripts(job, name, hits);
                Variables(job.Get("variables"), $"{name}.variables", hits);
            }
        }
    }

    /// <summary>Repository paths of the local files a GitLab CI file includes (to scan them as GitLab CI too).</summary>
    public static IEnumerable<string> LocalIncludes(string text)
    {
        IReadOnlyList<YamlNode> docs;
        try
        {
            docs = YamlLoader.LoadDocuments(text);
        }
        catch (ConfigParseException)
        {
            yield break;
        }

        foreach (var entry in docs.SelectMany(d => IncludeEntries(d.Get("include"))))
        {
            var local = entry is YamlScalarNode s ? s.Value : entry.GetStr("local");
            if (local is null || local.Contains("://", StringComparison.Ordinal) || local.Contains('*', StringComparison.Ordinal) || local.Contains('$', StringComparison.Ordinal))
                continue;
            if (entry is YamlScalarNode && !local.StartsWith('/'))
                continue;
            yield return local.TrimStart('/');
        }
    }

    private static IEnumerable<YamlNode> IncludeEntries(YamlNode? include) =>
        include is YamlSequenceNode seq ? seq.Children : include is null ? [] : [include];

    private static void Includes(YamlNode? include, List<CheckHit> hits)
    {
        foreach (var entry in IncludeEntries(include))
        {
            var remote = entry is YamlScalarNode { Value: { } url } && url.Contains("://", StringComparison.Ordinal) ? url : entry.GetStr("remote");
            if (remote is not null)
            {
                hits.Add(new CheckHit(WorkflowChecks.GitLabUnpinnedInclude, entry.Line(), entry.Col(), $"remote include '{remote}' can change without review", $"include:{remote}"));
                continue;
            }

            if (entry.GetStr("project") is { } project)
            {
                var reference = entry.GetStr("ref");
                if (reference is null || !Sha().IsMatch(reference))
                {
                    hits.Add(new CheckHit(WorkflowChecks.GitLabUnpinnedInclude, entry.Line(), entry.Col(),
                        reference is null ? $"project include '{project}' follows its default branch" : $"project include '{project}' follows the movable ref '{reference}'",
                        $"include:{project}"));
                }
            }
            else if (entry.GetStr("component") is { } component && (component.LastIndexOf('@') is var at && (at < 0 || !Sha().IsMatch(component[(at + 1)..]))))
            {
                hits.Add(new CheckHit(WorkflowChecks.GitLabUnpinnedInclude, entry.Line(), entry.Col(), $"component '{component}' is not pinned to a commit SHA", $"include:{component}"));
            }
        }
    }

    private static void Images(YamlNode? holder, string key, List<CheckHit> hits)
    {
        var image = holder.Get("image");
        PinningAudit.CheckImage(image is YamlScalarNode ? image : image.Get("name"), key.Length == 0 ? "image" : key + ".image", hits);
        foreach (var service in holder.Get("services").Items())
        {
            var name = service is YamlScalarNode ? service : service.Get("name");
            PinningAudit.CheckImage(name, $"{key}.services.{name.Str()}", hits);
        }
    }

    private static void Scripts(YamlNode? job, string name, List<CheckHit> hits)
    {
        foreach (var section in (string[])["before_script", "script", "after_script"])
        {
            foreach (var line in job.Get(section) is YamlScalarNode single ? [single] : job.Get(section).Items().OfType<YamlScalarNode>())
            {
                if (line.Value is { } text && ShellPatterns.CurlPipeShellLine(text) >= 0)
                    hits.Add(new CheckHit(WorkflowChecks.CurlPipeShell, line.Line(), line.Col(), $"job '{name}' {section} pipes a download into a shell", $"{name}.{section}"));
            }
        }
    }

    private static void Variables(YamlNode? variables, string key, List<CheckHit> hits)
    {
        foreach (var (name, keyNode, value) in variables.Entries())
        {
            var text = value is YamlScalarNode ? value.Str() : value.GetStr("value");
            if (text is not null && ShellPatterns.LooksLikeLiteralSecret(name, text))
                hits.Add(new CheckHit(WorkflowChecks.HardcodedCredentials, keyNode.Line(), keyNode.Col(), $"{name} in {key} holds a literal credential", $"{key}.{name}"));
        }
    }

    [GeneratedRegex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Sha();
}
