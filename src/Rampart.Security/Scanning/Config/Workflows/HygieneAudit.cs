using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>Credential persistence in checkouts, caches in release workflows, insecure commands, <c>curl | sh</c>.</summary>
internal static class HygieneAudit
{
    // Actions that restore a cache unless an input turns it off (the input that does).
    private static readonly Dictionary<string, string> CacheByDefault = new(StringComparer.Ordinal)
    {
        ["actions/cache"] = "", ["swatinem/rust-cache"] = "", ["actions/setup-go"] = "cache", ["astral-sh/setup-uv"] = "enable-cache",
        ["mozilla-actions/sccache-action"] = "", ["gradle/actions"] = "cache-disabled", ["gradle/gradle-build-action"] = "cache-disabled",
        ["ramsey/composer-install"] = "ignore-cache",
    };

    // Actions that restore a cache when one of these inputs is set to something other than false.
    private static readonly Dictionary<string, string[]> CacheWhenAsked = new(StringComparer.Ordinal)
    {
        ["actions/setup-node"] = ["cache"], ["actions/setup-python"] = ["cache"], ["actions/setup-java"] = ["cache"],
        ["actions/setup-dotnet"] = ["cache"], ["pnpm/action-setup"] = ["cache"], ["ruby/setup-ruby"] = ["bundler-cache"],
        ["pyo3/maturin-action"] = ["sccache"], ["docker/build-push-action"] = ["cache-from"], ["jdx/mise-action"] = ["cache"],
    };
    private static readonly string[] Publishers =
    [
        "pypa/gh-action-pypi-publish", "softprops/action-gh-release", "ncipollo/release-action", "goreleaser/goreleaser-action",
        "docker/build-push-action", "actions/create-release", "changesets/action", "rubygems/release-gem",
    ];

    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        var isRelease = workflow.HasTrigger("release") || workflow.PushesTags();
        InsecureCommands(workflow.Root.Get("env"), "env", hits);
        foreach (var job in workflow.Jobs)
        {
            InsecureCommands(job.Node.Get("env"), $"jobs.{job.Id}.env", hits);
            var uploads = job.UsesAction("actions/upload-artifact") || job.UsesAction("actions/upload-pages-artifact");
            var publishes = isRelease || job.Steps.Any(s => GhJob.ActionName(s) is { } a && Publishers.Contains(a));
            for (var i = 0; i < job.Steps.Count; i++)
            {
                var step = job.Steps[i];
                var key = job.StepKey(i);
                InsecureCommands(step.Get("env"), key + ".env", hits);
                var action = GhJob.ActionName(step);
                if (action == "actions/checkout" && !workflow.IsAction)
                    Checkout(step, key, uploads, hits);
                if (publishes && action is not null && RestoresCache(step, action))
                {
                    var node = step.Get("uses")!;
                    hits.Add(new CheckHit(WorkflowChecks.CachePoisoning, node.Line(), node.Col(),
                        $"{key} restores a cache ({action}) in a workflow that {(isRelease ? "builds releases" : "publishes artifacts")}", key));
                }

                if (step.Get("run") is YamlScalarNode { Value: { } script } run && ShellPatterns.CurlPipeShellLine(script) is var at and >= 0)
                {
                    var line = run.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded ? run.Line() + 1 + at : run.Line();
                    hits.Add(new CheckHit(WorkflowChecks.CurlPipeShell, line, run.Col(), $"{key} pipes a download into a shell", key));
                }
            }
        }
    }

    private static void Checkout(YamlNode step, string key, bool uploads, List<CheckHit> hits)
    {
        var persist = step.GetPath("with", "persist-credentials");
        if (persist.IsFalse())
            return;
        var node = step.Get("uses")!;
        var explicitTrue = persist.IsTrue();
        hits.Add(new CheckHit(WorkflowChecks.PersistCredentials, node.Line(), node.Col(),
            uploads
                ? $"{key} leaves the token in .git/config and the job uploads artifacts"
                : $"{key} leaves the token in .git/config for every later step",
            key)
        { Severity = uploads || explicitTrue ? Severity.Medium : Severity.Low });
    }

    private static bool RestoresCache(YamlNode step, string action)
    {
        var path = GhJob.ActionPath(step) ?? action;
        if (path.StartsWith("actions/cache/save", StringComparison.Ordinal))
            return false;
        var with = step.Get("with");
        if (CacheByDefault.TryGetValue(action, out var offSwitch))
        {
            var off = offSwitch.Length > 0 ? with.Get(offSwitch) : null;
            return offSwitch is "cache-disabled" or "ignore-cache" ? !off.IsTrue() : !off.IsFalse();
        }

        if (CacheWhenAsked.TryGetValue(action, out var inputs))
        {
            return inputs.Any(input => with.Get(input).Str() is { Length: > 0 } value && !with.Get(input).IsFalse()
                && (input != "cache-from" || value.Contains("type=gha", StringComparison.Ordinal)));
        }

        return false;
    }

    private static void InsecureCommands(YamlNode? env, string key, List<CheckHit> hits)
    {
        foreach (var (name, keyNode, value) in env.Entries())
        {
            if (name.Equals("ACTIONS_ALLOW_UNSECURE_COMMANDS", StringComparison.OrdinalIgnoreCase) && !value.IsFalse() && value.Str() is not ("" or "0"))
                hits.Add(new CheckHit(WorkflowChecks.InsecureCommands, keyNode.Line(), keyNode.Col(), $"{key} sets ACTIONS_ALLOW_UNSECURE_COMMANDS", $"{key}.{name}"));
        }
    }
}
