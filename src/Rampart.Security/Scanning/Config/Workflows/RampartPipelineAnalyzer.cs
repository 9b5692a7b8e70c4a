using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// Audits Rampart's own <c>.rampart/pipeline.yml</c> at the YAML level (the engine's loader checks its
/// structure; this looks for grants that are valid but wider than needed).
/// </summary>
internal sealed partial class RampartPipelineAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type == ConfigFileType.RampartPipeline;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        foreach (var root in YamlLoader.LoadDocuments(file.Text))
        {
            var secretGrants = new Dictionary<string, List<(string Job, YamlNode Node)>>(StringComparer.Ordinal);
            Env(root.Get("env"), "env", hits);
            foreach (var (name, keyNode, job) in root.Get("jobs").Entries())
            {
                if (job.Get("network") is YamlScalarNode { Value: "all" } network)
                    hits.Add(new CheckHit(WorkflowChecks.RampartNetworkAll, network.Line(), network.Col(), $"job '{name}' may reach any host", $"jobs.{name}.network"));
                var permissions = job.Get("permissions");
                if (permissions.Get("id-token") is YamlScalarNode { Value: "write" } idToken && job.Get("environment") is null && !DeployName().IsMatch(name))
                {
                    hits.Add(new CheckHit(WorkflowChecks.RampartIdTokenNoDeploy, idToken.Line(), idToken.Col(),
                        $"job '{name}' gets an OIDC token but has no environment and does not look like a deploy or publish job", $"jobs.{name}.permissions.id-token"));
                }

                foreach (var secret in permissions.Get("secrets").Items().OfType<YamlScalarNode>())
                {
                    if (!secretGrants.TryGetValue(secret.Value ?? "", out var list))
                        secretGrants[secret.Value ?? ""] = list = [];
                    list.Add((name, secret));
                }

                Env(job.Get("env"), $"jobs.{name}.env", hits);
                var index = 0;
                foreach (var step in job.Get("steps").Items())
                {
                    Env(step.Get("env"), $"jobs.{name}.steps[{index}].env", hits);
                    if (step.Get("run") is YamlScalarNode { Value: { } script } run && ShellPatterns.CurlPipeShellLine(script) is var at and >= 0)
                    {
                        var line = run.Style is ScalarStyle.Literal or ScalarStyle.Folded ? run.Line() + 1 + at : run.Line();
                        hits.Add(new CheckHit(WorkflowChecks.CurlPipeShell, line, run.Col(), $"jobs.{name}.steps[{index}] pipes a download into a shell", $"jobs.{name}.steps[{index}]"));
                    }

                    index++;
                }
            }

            foreach (var (secret, grants) in secretGrants)
            {
                if (grants.Count < 2)
                    continue;
                var first = grants[0].Node;
                hits.Add(new CheckHit(WorkflowChecks.RampartSecretsManyJobs, first.Line(), first.Col(),
                    $"secret {secret} is granted to {grants.Count} jobs ({string.Join(", ", grants.Select(g => g.Job))})", $"secret:{secret}"));
            }
        }
    }

    private static void Env(YamlNode? env, string key, List<CheckHit> hits)
    {
        foreach (var (name, keyNode, value) in env.Entries())
        {
            if (value.Str() is { } text && ShellPatterns.LooksLikeLiteralSecret(name, text))
                hits.Add(new CheckHit(WorkflowChecks.HardcodedCredentials, keyNode.Line(), keyNode.Col(), $"{name} in {key} holds a literal credential; use permissions.secrets", $"{key}.{name}"));
        }
    }

    [GeneratedRegex("(?i)deploy|publish|release|push|upload|sign", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DeployName();
}
