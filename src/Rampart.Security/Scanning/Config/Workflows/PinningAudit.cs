using System.Text.RegularExpressions;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary><c>uses:</c> not pinned to a commit SHA, container images without digests, actions with a known compromise.</summary>
internal static partial class PinningAudit
{
    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        foreach (var job in workflow.Jobs)
        {
            if (job.Node.Get("uses") is YamlScalarNode reusable)
                CheckUses(reusable, $"jobs.{job.Id}.uses", hits);
            CheckJobImage(job, job.Node.Get("container") is YamlScalarNode c ? c : job.Node.GetPath("container", "image"), $"jobs.{job.Id}.container", hits);
            foreach (var (name, _, service) in job.Node.Get("services").Entries())
                CheckJobImage(job, service is YamlScalarNode s ? s : service.Get("image"), $"jobs.{job.Id}.services.{name}", hits);
            if (workflow.IsAction && job.Node.Get("image") is YamlScalarNode actionImage && actionImage.Value is { } v && v.StartsWith("docker://", StringComparison.Ordinal))
                CheckImage(actionImage, "runs.image", hits);
            for (var i = 0; i < job.Steps.Count; i++)
            {
                if (job.Steps[i].Get("uses") is YamlScalarNode uses)
                    CheckUses(uses, job.StepKey(i), hits);
            }
        }
    }

    private static void CheckUses(YamlScalarNode node, string key, List<CheckHit> hits)
    {
        var uses = (node.Value ?? "").Trim();
        if (uses.StartsWith("./", StringComparison.Ordinal) || uses.Length == 0)
            return;
        if (uses.StartsWith("docker://", StringComparison.Ordinal))
        {
            CheckImage(node, key, hits);
            return;
        }

        var at = uses.LastIndexOf('@');
        var action = at < 0 ? uses : uses[..at];
        var reference = at < 0 ? "" : uses[(at + 1)..];
        var repo = string.Join('/', action.Split('/').Take(2));
        if (KnownCompromisedActions.Match(repo, reference) is { } advisory)
        {
            hits.Add(new CheckHit(WorkflowChecks.KnownCompromised, node.Line(), node.Col(), $"'{uses}' is affected by {advisory}", key));
        }

        if (at < 0)
        {
            hits.Add(new CheckHit(WorkflowChecks.UnpinnedUses, node.Line(), node.Col(), $"'{uses}' has no ref at all", key)
            { Severity = Rampart.Core.Findings.Severity.High });
        }
        else if (!Sha().IsMatch(reference))
        {
            hits.Add(new CheckHit(WorkflowChecks.UnpinnedUses, node.Line(), node.Col(), $"'{uses}' follows the movable ref '{reference}'", key));
        }
    }

    private static void CheckJobImage(GhJob job, YamlNode? node, string key, List<CheckHit> hits)
    {
        if (node is not YamlScalarNode scalar)
            return;
        foreach (var image in GhMatrix.Expand(job, scalar))
            CheckImage(image, image == scalar ? key : $"{key}:{image.Value}", hits);
    }

    public static void CheckImage(YamlNode? node, string key, List<CheckHit> hits)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } raw })
            return;
        var image = raw.Trim();
        if (image.StartsWith("docker://", StringComparison.Ordinal))
            image = image["docker://".Length..];
        // An image chosen by an expression (a matrix value) is checked where the value is written.
        if (image.Contains("${{", StringComparison.Ordinal) || image.StartsWith('$') || image.Contains("@sha256:", StringComparison.Ordinal))
            return;
        var detail = ImageReference.Tag(image) is { } tag && !tag.Equals("latest", StringComparison.Ordinal)
            ? $"image '{image}' uses tag '{tag}' without a digest"
            : $"image '{image}' uses the moving tag 'latest'";
        hits.Add(new CheckHit(WorkflowChecks.UnpinnedImage, node.Line(), node.Col(), detail, key));
    }

    [GeneratedRegex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Sha();
}
