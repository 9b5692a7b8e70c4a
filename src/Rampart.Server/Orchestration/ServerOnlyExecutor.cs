using Rampart.Engine.Sandbox;

namespace Rampart.Server.Orchestration;

/// <summary>The server never runs a user step itself: every job goes to a runner.</summary>
internal sealed class ServerOnlyExecutor : IStepExecutor
{
    public string Name => "server";

    public Task<SandboxResult> RunAsync(SandboxRequest request, Action<ReadOnlyMemory<byte>> output, CancellationToken cancellationToken) =>
        throw new SandboxUnavailableException("the server does not run steps; jobs run on runners");
}
