namespace Rampart.Engine.Sandbox;

/// <summary>
/// Runs steps directly on the host, for machines without bubblewrap when the user explicitly
/// passes <c>--unsafe-no-sandbox</c>. The environment is still emptied and limits still apply
/// where cgroups allow, but the step can read and write anything the engine's user can.
/// </summary>
public sealed class UnsandboxedExecutor : IStepExecutor
{
    public string Name => "none";

    public async Task<SandboxResult> RunAsync(SandboxRequest request, Action<ReadOnlyMemory<byte>> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var cgroup = StepCgroup.TryCreate(request.Limits, out _);
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal)
        {
            ["HOME"] = request.HomePath,
            ["RAMPART_WORKSPACE"] = request.WorkspacePath,
        };
        foreach (var mount in request.Mounts.Where(m => m.PathVariable is not null))
            environment[mount.PathVariable!] = mount.HostPath;
        var workingDirectory = Path.Combine(request.WorkspacePath, request.WorkingDirectory);
        string[] command = ["/usr/bin/env", "bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", request.Script];
        return await StepProcess.RunAsync(command, workingDirectory, environment, request, cgroup, output, cancellationToken).ConfigureAwait(false);
    }
}
