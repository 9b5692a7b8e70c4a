using System.Diagnostics;
using Rampart.Core.Tests.Interop;

namespace Rampart.Security.Tests.Interop;

/// <summary>
/// Runs a script of <c>tests/tools</c> with node, against the packages pinned there (the
/// counterpart of <see cref="NodeTool"/> for our own small scripts that call a library's API).
/// </summary>
public static class NodeScript
{
    public static async Task<NodeToolResult> RunAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(NodeTool.ToolsDirectory, script);
        if (!Directory.Exists(Path.Combine(NodeTool.ToolsDirectory, "node_modules", "@sigstore")))
            Assert.Fail($"tests/tools has no node_modules; {NodeTool.InstallHint}");
        var start = new ProcessStartInfo("node") { WorkingDirectory = NodeTool.ToolsDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(NodeTool.DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new NodeToolResult(process.ExitCode, await stdout, await stderr);
    }
}
