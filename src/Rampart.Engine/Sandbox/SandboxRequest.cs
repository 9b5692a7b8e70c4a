using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Sandbox;

/// <summary>
/// One step to execute. <see cref="JobDirectory"/> holds the job's <c>workspace/</c> and <c>home/</c>,
/// the only places a step may write besides a private <c>/tmp</c>.
/// </summary>
public sealed record SandboxRequest(
    string JobDirectory,
    string WorkingDirectory,
    string Script,
    IReadOnlyDictionary<string, string> Environment,
    NetworkMode Network,
    ResourceLimits Limits,
    TimeSpan Timeout)
{
    /// <summary>Extra binds for this step (none by default).</summary>
    public IReadOnlyList<SandboxMount> Mounts { get; init; } = [];

    public string WorkspacePath => Path.Combine(JobDirectory, "workspace");

    public string HomePath => Path.Combine(JobDirectory, "home");
}
