using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary><c>secrets: inherit</c>, secrets in workflow- or job-wide <c>env</c>, <c>toJSON(secrets)</c>, hard-coded credentials.</summary>
internal static partial class SecretsAudit
{
    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        BroadEnv(workflow.Root.Get("env"), "workflow", "env", hits);
        foreach (var job in workflow.Jobs)
        {
            if (job.Node.Get("secrets") is YamlScalarNode { Value: "inherit" } inherit)
            {
                hits.Add(new CheckHit(WorkflowChecks.SecretsInherit, inherit.Line(), inherit.Col(),
                    $"job '{job.Id}' passes every secret to {job.Node.GetStr("uses") ?? "the called workflow"}", $"jobs.{job.Id}.secrets"));
            }

            if (!workflow.IsAction)
                BroadEnv(job.Node.Get("env"), $"job '{job.Id}'", $"jobs.{job.Id}.env", hits);
            HardcodedCredentials(job, hits);
        }

        foreach (var scalar in YamlWalk.Scalars(workflow.Root))
        {
            if (scalar.Value is { } text && text.Contains("secrets", StringComparison.Ordinal) && AllSecrets().Match(text) is { Success: true } m)
            {
                var (line, column) = workflow.Source.Find(m.Value, (int)scalar.Start.Index) ?? (scalar.Line(), scalar.Col());
                hits.Add(new CheckHit(WorkflowChecks.OverprovisionedSecrets, line, column,
                    $"'{m.Value}' hands every secret to one place", $"allsecrets:{line}"));
            }
        }
    }

    private static void BroadEnv(YamlNode? env, string scope, string key, List<CheckHit> hits)
    {
        foreach (var (name, keyNode, value) in env.Entries())
        {
            if (value.Str() is { } text && SecretReference().IsMatch(text))
            {
                hits.Add(new CheckHit(WorkflowChecks.SecretsBroadScope, keyNode.Line(), keyNode.Col(),
                    $"{name} is set from a secret in the {scope} env, so every step of the {scope} sees it", $"{key}.{name}"));
            }
        }
    }

    private static void HardcodedCredentials(GhJob job, List<CheckHit> hits)
    {
        var places = new List<(string Key, YamlNode? Credentials)>
        {
            ($"jobs.{job.Id}.container", job.Node.GetPath("container", "credentials")),
        };
        places.AddRange(job.Node.Get("services").Entries().Select(e => ($"jobs.{job.Id}.services.{e.Key}", e.Value.Get("credentials"))));
        foreach (var (key, credentials) in places)
        {
            if (credentials.Get("password") is YamlScalarNode { Value: { } pw } node && !ShellPatterns.IsReference(pw) && pw.Length > 0)
                hits.Add(new CheckHit(WorkflowChecks.HardcodedCredentials, node.Line(), node.Col(), $"{key} has a literal registry password", key + ".password"));
        }

        var envs = new List<(string Key, YamlNode? Env)> { ($"jobs.{job.Id}.env", job.Node.Get("env")) };
        for (var i = 0; i < job.Steps.Count; i++)
        {
            envs.Add(($"{job.StepKey(i)}.env", job.Steps[i].Get("env")));
            envs.Add(($"{job.StepKey(i)}.with", job.Steps[i].Get("with")));
        }

        foreach (var (key, env) in envs)
        {
            foreach (var (name, keyNode, value) in env.Entries())
            {
                if (value.Str() is { } text && ShellPatterns.LooksLikeLiteralSecret(name, text))
                    hits.Add(new CheckHit(WorkflowChecks.HardcodedCredentials, keyNode.Line(), keyNode.Col(), $"{name} in {key} holds a literal credential", $"{key}.{name}"));
            }
        }
    }

    [GeneratedRegex(@"\$\{\{[^}]*\bsecrets\.", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"(?i)toJSON\(\s*secrets\s*\)|\bsecrets\[(?!\s*'[^']*'\s*\])[^\]]*\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AllSecrets();
}
