using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Privileged triggers, checkouts of the untrusted head under them, and self-hosted runners reachable from forks.</summary>
internal static partial class TriggerAudit
{
    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        var privileged = workflow.Triggers.Where(t => t is "pull_request_target" or "workflow_run").Order(StringComparer.Ordinal).ToList();
        if (privileged.Count > 0 && workflow.OnNode is { } on)
        {
            hits.Add(new CheckHit(WorkflowChecks.DangerousTrigger, on.Line(), on.Col(),
                $"triggered by {string.Join(" and ", privileged)}, which runs with the base repository's token and secrets for fork events", "on"));
            foreach (var job in workflow.Jobs)
                UntrustedCheckouts(job, string.Join("/", privileged), hits);
        }

        var forks = workflow.HasTrigger("pull_request", "pull_request_target");
        foreach (var job in workflow.Jobs)
        {
            var runsOn = job.Node.Get("runs-on");
            if (runsOn is null)
                continue;
            var labelNodes = new List<YamlScalarNode>();
            foreach (var source in (YamlNode?[])[runsOn, runsOn.Get("labels")])
                labelNodes.AddRange(source is YamlScalarNode s ? [s] : source.Items().OfType<YamlScalarNode>());
            var labels = labelNodes.SelectMany(l => GhMatrix.Expand(job, l)).Select(l => l.Value ?? "").ToList();
            var group = runsOn.GetStr("group");
            if (labels.Any(l => l.Equals("self-hosted", StringComparison.OrdinalIgnoreCase)) || group is not null)
            {
                hits.Add(new CheckHit(WorkflowChecks.SelfHostedFork, runsOn.Line(), runsOn.Col(),
                    $"job '{job.Id}' runs on a self-hosted runner{(group is null ? "" : $" group '{group}'")}"
                    + (forks ? " and the workflow runs for pull requests" : "; keep it away from pull request triggers"),
                    $"jobs.{job.Id}.runs-on")
                { Severity = forks ? null : Rampart.Core.Findings.Severity.Low });
            }
        }
    }


    private static void UntrustedCheckouts(GhJob job, string trigger, List<CheckHit> hits)
    {
        for (var i = 0; i < job.Steps.Count; i++)
        {
            var step = job.Steps[i];
            string? what = null;
            YamlNode? at = null;
            if (GhJob.ActionName(step) == "actions/checkout")
            {
                var with = step.Get("with");
                foreach (var key in (string[])["ref", "repository"])
                {
                    if (with.Get(key) is { } value && value.Str() is { } text && HeadReference().IsMatch(text))
                    {
                        what = $"actions/checkout with {key}: {text.Trim()}";
                        at = value;
                        break;
                    }
                }
            }
            else if (step.Get("run") is { } run && run.Str() is { } script && HeadCheckoutCommand().Match(script) is { Success: true } m)
            {
                what = $"'{m.Value.Trim()}' in a run step";
                at = run;
            }

            if (what is not null && at is not null)
            {
                hits.Add(new CheckHit(WorkflowChecks.UntrustedCheckout, at.Line(), at.Col(),
                    $"{job.StepKey(i)} checks out the pull request head ({what}) under {trigger}", job.StepKey(i)));
            }
        }
    }

    [GeneratedRegex(@"github\.event\.pull_request\.head\.(sha|ref|repo\.full_name)|github\.head_ref|github\.event\.workflow_run\.(head_sha|head_branch|head_repository\.full_name)|refs/pull/|pull_request\.number|github\.event\.number|merge_commit_sha", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeadReference();

    [GeneratedRegex(@"gh\s+pr\s+checkout\b[^\n]*|git\s+(?:fetch|pull)\b[^\n]*\bpull/[^\n]*|git\s+checkout\b[^\n]*\$\{\{\s*(?:github\.head_ref|github\.event\.(?:pull_request\.head|workflow_run\.head)[^\n]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HeadCheckoutCommand();
}
