namespace Rampart.Engine.Runs;

/// <summary>Where the engine keeps its state and how much it runs at once.</summary>
public sealed record EngineOptions(string StateDirectory)
{
    /// <summary>Independent jobs run in parallel up to this many (default: the core count).</summary>
    public int MaxParallelJobs { get; init; } = Environment.ProcessorCount;

    /// <summary>Base folder for job directories; outside any home so the step user can reach it.</summary>
    public string JobsDirectory { get; init; } = Sandbox.JobDirectory.DefaultBase;

    /// <summary>The id-token's <c>runner_environment</c> claim: <c>self-hosted</c>, or <c>local</c> for <c>rampart run</c>.</summary>
    public string RunnerEnvironment { get; init; } = "self-hosted";
    /// <summary>
    /// The gate policy, evaluated after the severity gate over the run's evidence (docs/policy.md).
    /// Null keeps the severity gate alone. The host wires it (the engine does not know Rego).
    /// </summary>
    public Rampart.Core.Policy.IPolicyEvaluator? Policy { get; init; }

    public string LogsDirectory => Path.Combine(StateDirectory, "runs");
}
