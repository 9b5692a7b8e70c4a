using Rampart.Core.Runs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Runs;

/// <summary>
/// Builds a step's environment. Event data (ref, branch, commit) reaches steps only here, as
/// <c>RAMPART_*</c> variables, never spliced into the script, so it cannot inject shell code.
/// Later layers win: pipeline env, job env, secrets, step env; RAMPART_* cannot be overridden.
/// </summary>
internal static class StepEnvironment
{
    public static Dictionary<string, string> Build(
        RunRecord run,
        RunRequest request,
        JobDefinition job,
        StepDefinition step,
        IReadOnlyDictionary<string, string> secrets)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        Merge(env, request.Pipeline.Env);
        Merge(env, job.Env);
        Merge(env, secrets);
        Merge(env, step.Env);

        env["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        env["HOME"] = BubblewrapExecutor.HomeMount;
        env["LANG"] = "C.UTF-8";
        env["CI"] = "true";
        env["RAMPART"] = "true";
        env["RAMPART_RUN_ID"] = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RAMPART_PIPELINE"] = request.Pipeline.Name;
        env["RAMPART_JOB"] = job.Name;
        env["RAMPART_EVENT"] = request.Event;
        env["RAMPART_REF"] = request.Source.Ref;
        env["RAMPART_SHA"] = request.Source.Commit;
        env["RAMPART_WORKSPACE"] = BubblewrapExecutor.WorkspaceMount;
        env["RAMPART_TRUSTED"] = request.Trusted ? "true" : "false";
        if (request.Source.Branch is { } branch)
            env["RAMPART_BRANCH"] = branch;
        if (job.Environment is { } environment)
            env["RAMPART_ENVIRONMENT"] = environment;
        return env;
    }

    private static void Merge(Dictionary<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (key, value) in source)
            target[key] = value;
    }
}
