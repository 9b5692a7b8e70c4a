using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config.Workflows;

/// <summary>
/// Template injection: attacker-controlled contexts expanded into <c>run</c> scripts or
/// <c>actions/github-script</c> code, directly or through <c>env</c>, matrix values, step outputs and job
/// outputs. Two weaker cases are reported at lower severity with the reason in the message: outputs of a
/// step that is not there to read (low) and matrix values computed from contexts outsiders cannot set (info).
/// </summary>
internal static class InjectionAudit
{
    public static void Run(GhWorkflow workflow, List<CheckHit> hits)
    {
        var workflowEnv = TaintedEnv(workflow.Root.Get("env"), null, null);
        var jobOutputs = new Dictionary<string, Taint>(StringComparer.Ordinal);

        // Jobs are visited in file order; needs.* of a later job sees the outputs of earlier ones.
        foreach (var job in workflow.Jobs)
        {
            var jobEnv = TaintedEnv(job.Node.Get("env"), workflowEnv, null);
            var matrix = InjectionMatrix.Read(job.Node.GetPath("strategy", "matrix"), jobOutputs);
            var steps = new StepScope();
            for (var i = 0; i < job.Steps.Count; i++)
            {
                var step = job.Steps[i];
                var stepEnv = TaintedEnv(step.Get("env"), jobEnv, Resolver(steps, jobOutputs, null, matrix));
                var resolve = Resolver(steps, jobOutputs, stepEnv, matrix);
                foreach (var (sink, node) in Sinks(step))
                    Report(workflow, job, i, sink, node, resolve, hits);
                if (step.GetStr("id") is { } id)
                {
                    steps.Ids.Add(id);
                    if (StepTaint(step, resolve) is { } taint)
                        steps.Outputs[id] = taint;
                }
            }

            foreach (var (name, _, value) in job.Node.Get("outputs").Entries())
            {
                if (value.Str() is { } text && Worst(text, Resolver(steps, jobOutputs)) is { } taint)
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

    private static void Report(GhWorkflow workflow, GhJob job, int index, string sink, YamlScalarNode node, Func<string, Taint?> resolve, List<CheckHit> hits)
    {
        var text = node.Value ?? "";
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (offset, body) in ExpressionSpans.Find(text))
        {
            foreach (var source in ExpressionFlow.Sources(body))
            {
                if (resolve(source) is not { } taint || !reported.Add(source))
                    continue;
                var (line, column) = workflow.Source.Find("${{" + body + "}}", (int)node.Start.Index)
                    ?? (node.Line(), node.Col());
                var origin = taint.Origin is { } why ? $"; {why}" : "";
                var fix = source.StartsWith("env.", StringComparison.Ordinal)
                    ? $"read the environment variable {source[4..]} in the script instead of expanding it"
                    : "pass it through env and quote it";
                hits.Add(new CheckHit(WorkflowChecks.TemplateInjection, line, column,
                    $"'{source}' is expanded into the {sink} script of {job.StepKey(index)}{origin}; {fix}",
                    $"{job.StepKey(index)}:{source}")
                { Severity = taint.Severity });
            }
        }
    }

    /// <summary>Taint of a step's outputs: anything attacker-controlled that the step reads.</summary>
    private static Taint? StepTaint(YamlNode step, Func<string, Taint?> resolve)
    {
        Taint? worst = null;
        foreach (var scalar in YamlWalk.Scalars(step))
        {
            if (scalar.Value is { } v)
                worst = Taint.Worst(worst, Worst(v, resolve));
        }

        return worst;
    }

    private static Dictionary<string, Taint> TaintedEnv(YamlNode? env, Dictionary<string, Taint>? outer, Func<string, Taint?>? resolveOutputs)
    {
        var result = outer is null ? new Dictionary<string, Taint>(StringComparer.Ordinal) : new Dictionary<string, Taint>(outer, StringComparer.Ordinal);
        foreach (var (name, _, value) in env.Entries())
        {
            result.Remove(name);
            Func<string, Taint?> resolve = source => Taint.Attacker(AttackerContexts.Classify(source)) ?? resolveOutputs?.Invoke(source);
            if (value.Str() is { } text && Worst(text, resolve) is { } taint)
                result[name] = taint;
        }

        return result;
    }

    /// <summary>
    /// How each context of an expression is judged: attacker-controlled contexts by
    /// <see cref="AttackerContexts"/>; matrix values, env variables, step outputs and job outputs by what
    /// was found to flow into them. The output of a step that no earlier step of the job defines cannot
    /// be traced (the producer is not here to read), so it is reported at low severity rather than trusted.
    /// </summary>
    private static Func<string, Taint?> Resolver(StepScope steps, Dictionary<string, Taint> jobOutputs,
        Dictionary<string, Taint>? env = null, Dictionary<string, Taint>? matrix = null) =>
        source =>
        {
            if (Taint.Attacker(AttackerContexts.Classify(source)) is { } direct)
                return direct;
            var parts = source.Split('.');
            if (parts.Length >= 2 && parts[0] == "matrix" && matrix is not null
                && (matrix.TryGetValue(parts[1], out var m) || matrix.TryGetValue("*", out m)))
                return m;
            if (parts.Length >= 2 && parts[0] == "env" && env is not null && env.TryGetValue(parts[1], out var e))
                return e;
            if (parts.Length >= 3 && parts[0] == "steps" && parts[2] == "outputs")
            {
                if (steps.Outputs.TryGetValue(parts[1], out var s))
                    return s;
                if (!steps.Ids.Contains(parts[1]))
                    return new Taint(Severity.Low, $"it comes from {source}, and no earlier step here has the id '{parts[1]}', so where that text comes from cannot be checked");
            }

            if (parts.Length >= 4 && parts[0] == "needs" && parts[2] == "outputs" && jobOutputs.TryGetValue(parts[1] + "." + parts[3], out var j))
                return j;
            return null;
        };

    internal static Taint? Worst(string text, Func<string, Taint?> resolve)
    {
        Taint? worst = null;
        foreach (var (_, body) in ExpressionSpans.Find(text))
        {
            foreach (var source in ExpressionFlow.Sources(body))
                worst = Taint.Worst(worst, resolve(source));
        }

        return worst;
    }

    /// <summary>The ids of the steps seen so far in a job and the taint of their outputs.</summary>
    private sealed class StepScope
    {
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Taint> Outputs { get; } = new(StringComparer.Ordinal);
    }
}
