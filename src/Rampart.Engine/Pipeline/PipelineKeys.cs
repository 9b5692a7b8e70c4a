namespace Rampart.Engine.Pipeline;

/// <summary>
/// Every key the loader understands, per level. Unknown keys are errors that list these,
/// and a test keeps <c>docs/pipeline.schema.json</c> in step with them.
/// </summary>
internal static class PipelineKeys
{
    public static readonly IReadOnlyList<string> Root = ["name", "on", "env", "gate", "jobs"];
    public static readonly IReadOnlyList<string> Triggers = ["push", "pull_request"];
    public static readonly IReadOnlyList<string> Trigger = ["branches"];
    public static readonly IReadOnlyList<string> Gate = ["fail-on"];
    public static readonly IReadOnlyList<string> Job =
        ["needs", "runs-on", "timeout", "permissions", "network", "environment", "limits", "env", "artifacts", "steps"];
    public static readonly IReadOnlyList<string> Permissions = ["id-token", "secrets", "secrets-as"];
    public static readonly IReadOnlyList<string> Limits = ["memory", "processes", "output"];
    public static readonly IReadOnlyList<string> Step = ["name", "run", "env", "timeout"];

    /// <summary>Schema path (JSON pointer under <c>$defs</c> or root) to the keys it must declare.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> All { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["root"] = Root,
        ["triggers"] = Triggers,
        ["trigger"] = Trigger,
        ["gate"] = Gate,
        ["job"] = Job,
        ["permissions"] = Permissions,
        ["limits"] = Limits,
        ["step"] = Step,
    };
}
