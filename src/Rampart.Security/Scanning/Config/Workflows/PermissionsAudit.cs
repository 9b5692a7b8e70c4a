using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Missing permissions blocks, <c>write-all</c>, and write scopes no step of the job can be using.</summary>
internal static class PermissionsAudit
{
    // Actions known not to need any write scope of the GITHUB_TOKEN.
    private static readonly string[] NeutralActions =
    [
        "actions/checkout", "actions/cache", "actions/upload-artifact", "actions/download-artifact", "actions/setup-",
        "actions/dependency-review-action", "astral-sh/setup-uv", "dtolnay/rust-toolchain", "swatinem/rust-cache",
        "pnpm/action-setup", "docker/setup-buildx-action", "docker/setup-qemu-action", "ruby/setup-ruby", "hashicorp/setup-terraform",
    ];

    private static readonly Dictionary<string, string[]> ScopeEvidence = new(StringComparer.Ordinal)
    {
        ["id-token"] = ["ACTIONS_ID_TOKEN_REQUEST", "--provenance", "cosign ", "npm publish", "gh attestation", "trusted-publishing"],
    };

    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        if (workflow.IsAction)
            return;
        var top = workflow.Root.Get("permissions");
        CheckWriteAll(top, "permissions", hits);
        foreach (var job in workflow.Jobs)
        {
            var own = job.Node.Get("permissions");
            CheckWriteAll(own, $"jobs.{job.Id}.permissions", hits);
            if (top is null && own is null)
            {
                hits.Add(new CheckHit(WorkflowChecks.MissingPermissions, job.KeyNode.Line(), job.KeyNode.Col(),
                    $"job '{job.Id}' has no permissions block and the workflow sets none", $"jobs.{job.Id}"));
                continue;
            }

            var effective = own ?? top;
            if (effective is YamlMappingNode scopes && job.Node.Get("uses") is null)
                CheckUnneeded(job, scopes, own is null, hits);
        }
    }

    private static void CheckWriteAll(YamlNode? permissions, string key, List<CheckHit> hits)
    {
        if (permissions.Str() is "write-all")
            hits.Add(new CheckHit(WorkflowChecks.WriteAll, permissions!.Line(), permissions!.Col(), $"{key} is write-all", key));
    }

    private static void CheckUnneeded(GhJob job, YamlMappingNode scopes, bool inherited, List<CheckHit> hits)
    {
        var unknownActions = job.Steps.Select(GhJob.ActionPath).OfType<string>()
            .Where(a => !a.StartsWith("./", StringComparison.Ordinal) && !NeutralActions.Any(n => a.StartsWith(n, StringComparison.Ordinal)))
            .ToList();
        var scripts = string.Join('\n', job.Steps.Select(s => s.GetStr("run") ?? ""));
        var usesToken = scripts.Contains("GITHUB_TOKEN", StringComparison.Ordinal) || scripts.Contains("github.token", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(scripts, @"(^|[\s;&|(])gh\s", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))
            || scripts.Contains("git push", StringComparison.Ordinal) || scripts.Contains("api.github", StringComparison.Ordinal)
            || job.Steps.Any(s => YamlWalk.Scalars(s.Get("with") ?? new YamlScalarNode("")).Any(v => v.Value?.Contains("github.token", StringComparison.Ordinal) == true || v.Value?.Contains("GITHUB_TOKEN", StringComparison.Ordinal) == true));
        foreach (var (scope, keyNode, value) in scopes.Entries())
        {
            if (value.Str() is not "write")
                continue;
            bool used;
            if (scope == "id-token")
                used = unknownActions.Count > 0 || ScopeEvidence["id-token"].Any(e => scripts.Contains(e, StringComparison.Ordinal));
            else
                used = unknownActions.Count > 0 || usesToken;
            if (used)
                continue;
            var where = inherited ? "the workflow grants" : "the job grants";
            hits.Add(new CheckHit(WorkflowChecks.UnneededWrite, keyNode.Line(), keyNode.Col(),
                $"{where} '{scope}: write' but no step of job '{job.Id}' uses the token or an action that could need it", $"jobs.{job.Id}.permissions.{scope}"));
        }
    }
}
