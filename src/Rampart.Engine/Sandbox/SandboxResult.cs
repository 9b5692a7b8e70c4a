namespace Rampart.Engine.Sandbox;

/// <summary>How a step ended. <see cref="LimitMessage"/> explains a kill by the engine, in one line.</summary>
public sealed record SandboxResult(int ExitCode, bool TimedOut, bool OutputLimitExceeded, bool MemoryLimitHit, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && !OutputLimitExceeded;

    public string? LimitMessage =>
        TimedOut ? $"step exceeded its time limit after {Duration.TotalSeconds:0.#}s and was killed"
        : OutputLimitExceeded ? "step exceeded its output limit and was killed"
        : MemoryLimitHit ? "step hit its memory limit"
        : null;
}
