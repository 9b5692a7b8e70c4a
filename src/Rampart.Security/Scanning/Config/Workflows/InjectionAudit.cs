using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// Template injection: attacker-controlled contexts expanded into <c>run</c> scripts or
/// <c>actions/github-script</c> code, directly or through <c>env</c>, step outputs and job outputs.
/// </summary>
internal static class InjectionAudit
{
    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        var workflowEnv = TaintedEnv(workflow.Root.Get("env"), null, null);
        var jobOutputs = new Dictionary<string, Severity>(StringComparer.Ordinal);

        // Jobs are visited in file order; needs.* of a later job sees the outputs of earlier ones.
        foreach (var job in workflow.Jobs)
        {
            var jobEnv = TaintedEnv(job.Node.Get("env"), workflowEnv, null);
            var matrix = MatrixTaint(job.Node.GetPath("strategy", "matrix"));
            var stepOutputs = new Dictionary<string, Severity>(StringComparer.Ordinal);
            for (var i = 0; i < job.Steps.Count; i++)
            {
                var step = job.Steps[i];
                var stepEnv = TaintedEnv(step.Get("env"), jobEnv, Resolver(stepOutputs, jobOutputs, null, matrix));
                var resolve = Resolver(stepOutputs, jobOutputs, stepEnv, matrix);
                foreach (var (sink, node) in Sinks(step))
                    Report(workflow, job, i, sink, node, resolve, hits);
                if (step.GetStr("id") is { } id && StepTaint(step, resolve) is { } taint)
                    stepOutputs[id] = taint;
            }

            foreach (var (name, _, value) in job.Node.Get("outputs").Entries())
            {
                if (value.Str() is { } text && Worst(text, Resolver(stepOutputs, jobOutputs)) is { } taint)
                    jobOutputs[job.Id + "." + name] = taint;
            }
        }
    }

    // Action inputs that are run as code (shell, JavaScript, PowerShell, yq expressions).
    private static readonly Dictionary<string, string[]> CodeInputs = new(StringComparer.Ordinal)
    {
        ["actions/github-script"] = ["script"],
        ["amadevus/pwsh-script"] = ["script"],
        ["mikefarah/yq"] = ["cmd"],
        ["addnab/docker-run-action"] = ["run"],
        ["azure/cli"] = ["inlinescript"],
        ["azure/powershell"] = ["inlinescript"],
        ["appleboy/ssh-action"] = ["script"],
        ["jannekem/run-python-script-action"] = ["script"],
    };

    private static IEnumerable<(string Sink, YamlScalarNode Node)> Sinks(YamlNode step)
    {
        if (step.Get("run") is YamlScalarNode run)
            yield return ("run", run);
        if (GhJob.ActionName(step) is { } action && CodeInputs.TryGetValue(action, out var inputs))
        {
            foreach (var (name, _, value) in step.Get("with").Entries())
            {
                if (value is YamlScalarNode scalar && inputs.Contains(name.ToLowerInvariant()))
                    yield return ($"{action} {name}", scalar);
            }
        }
    }

    private static void Report(GhWorkflow workflow, GhJob job, int index, string sink, YamlScalarNode node, Func<string, Severity?> resolve, List<CheckHit> hits)
    {
        var text = node.Value ?? "";
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (offset, body) in ExpressionSpans.Find(text))
        {
            foreach (var source in ExpressionFlow.Sources(body))
            {
                if (resolve(source) is not { } severity || !reported.Add(source))
                    continue;
                var (line, column) = workflow.Source.Find("${{" + body + "}}", (int)node.Start.Index)
                    ?? (node.Line(), node.Col());
                hits.Add(new CheckHit(WorkflowChecks.TemplateInjection, line, column,
                    $"'{source}' is expanded into the {sink} script of {job.StepKey(index)}; pass it through env and quote it",
                    $"{job.StepKey(index)}:{source}")
                { Severity = severity });
            }
        }
    }

    /// <summary>Taint of a step's outputs: anything attacker-controlled that the step reads.</summary>
    private static Severity? StepTaint(YamlNode step, Func<string, Severity?> resolve)
    {
        Severity? worst = null;
        foreach (var scalar in YamlWalk.Scalars(step))
        {
            if (scalar.Value is { } v && Worst(v, resolve) is { } s && (worst is null || s > worst))
                worst = s;
        }

        return worst;
    }

    private static Dictionary<string, Severity> TaintedEnv(YamlNode? env, Dictionary<string, Severity>? outer, Func<string, Severity?>? resolveOutputs)
    {
        var result = outer is null ? new Dictionary<string, Severity>(StringComparer.Ordinal) : new Dictionary<string, Severity>(outer, StringComparer.Ordinal);
        foreach (var (name, _, value) in env.Entries())
        {
            result.Remove(name);
            Func<string, Severity?> resolve = source => AttackerContexts.Classify(source) ?? resolveOutputs?.Invoke(source);
            if (value.Str() is { } text && Worst(text, resolve) is { } taint)
                result[name] = taint;
        }

        return result;
    }

    /// <summary>
    /// Matrix values an outsider can choose: a dimension (or an <c>include</c> entry, or the whole
    /// matrix) written as an expression over attacker-controlled contexts, e.g.
    /// <c>dynamic: ${{ github.event.client_payload.x }}</c>. Key "*" stands for every dimension.
    /// </summary>
    private static Dictionary<string, Severity> MatrixTaint(YamlNode? matrix)
    {
        var taint = new Dictionary<string, Severity>(StringComparer.Ordinal);
        Func<string, Severity?> classify = AttackerContexts.Classify;
        if (matrix.Str() is { } whole && Worst(whole, classify) is { } all)
            taint["*"] = all;
        var entries = matrix.Entries().Where(e => e.Key is not "include" and not "exclude").Select(e => (e.Key, e.Value))
            .Concat(matrix.Get("include").Items().SelectMany(i => i.Entries().Select(e => (e.Key, e.Value))));
        foreach (var (key, value) in entries)
        {
            foreach (var scalar in YamlWalk.Scalars(value))
            {
                if (scalar.Value is { } text && Worst(text, classify) is { } t && (!taint.TryGetValue(key, out var had) || t > had))
                    taint[key] = t;
            }
        }

        return taint;
    }

    private static Func<string, Severity?> Resolver(Dictionary<string, Severity> stepOutputs, Dictionary<string, Severity> jobOutputs,
        Dictionary<string, Severity>? env = null, Dictionary<string, Severity>? matrix = null) =>
        source =>
        {
            if (AttackerContexts.Classify(source) is { } direct)
                return direct;
            var parts = source.Split('.');
            if (parts.Length >= 2 && parts[0] == "matrix" && matrix is not null
                && (matrix.TryGetValue(parts[1], out var m) || matrix.TryGetValue("*", out m)))
                return m;
            if (parts.Length >= 2 && parts[0] == "env" && env is not null && env.TryGetValue(parts[1], out var e))
                return e;
            if (parts.Length >= 3 && parts[0] == "steps" && parts[2] == "outputs" && stepOutputs.TryGetValue(parts[1], out var s))
                return s;
            if (parts.Length >= 4 && parts[0] == "needs" && parts[2] == "outputs" && jobOutputs.TryGetValue(parts[1] + "." + parts[3], out var j))
                return j;
            return null;
        };

    private static Severity? Worst(string text, Func<string, Severity?> resolve)
    {
        Severity? worst = null;
        foreach (var (_, body) in ExpressionSpans.Find(text))
        {
            foreach (var source in ExpressionFlow.Sources(body))
            {
                if (resolve(source) is { } s && (worst is null || s > worst))
                    worst = s;
            }
        }

        return worst;
    }
}
