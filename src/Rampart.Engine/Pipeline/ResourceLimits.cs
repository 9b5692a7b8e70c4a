namespace Rampart.Engine.Pipeline;

/// <summary>Per-step ceilings. Memory and processes are enforced where the host has cgroups for them.</summary>
public sealed record ResourceLimits(long MemoryBytes, int Processes, long OutputBytes)
{
    public static ResourceLimits Default { get; } = new(
        MemoryBytes: 4L * 1024 * 1024 * 1024,
        Processes: 1024,
        OutputBytes: 16L * 1024 * 1024);
}
