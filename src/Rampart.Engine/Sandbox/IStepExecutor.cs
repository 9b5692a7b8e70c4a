namespace Rampart.Engine.Sandbox;

/// <summary>Runs one step's script; its stdout and stderr, merged in order, go to the output callback.</summary>
public interface IStepExecutor
{
    /// <summary>Short name shown in logs and records (<c>bubblewrap</c>, <c>none</c>).</summary>
    string Name { get; }

    /// <summary>The output buffer is reused: consume it before returning from the callback.</summary>
    Task<SandboxResult> RunAsync(SandboxRequest request, Action<ReadOnlyMemory<byte>> output, CancellationToken cancellationToken);
}
