using System.Diagnostics;

namespace Rampart.Core.Tests.Interop;

/// <summary>
/// Runs outside validators installed from <c>tests/tools/package.json</c>. A missing install fails the
/// test with the command that fixes it: an interop check that silently passes proves nothing.
/// </summary>
public static class NodeTool
{
    public const string InstallHint = "run: npm ci --prefix tests/tools";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static string ToolsDirectory => Path.Combine(RepoPaths.Root, "tests", "tools");

    /// <summary>The path of <c>tests/tools/node_modules/.bin/{name}</c>; fails the test when it is not installed.</summary>
    public static string Locate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(ToolsDirectory, "node_modules", ".bin", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"Node tool '{name}' is not installed at {path}; {InstallHint}");
        }

        return path;
    }

    /// <summary>
    /// Runs the tool from <see cref="ToolsDirectory"/> with the given arguments (no shell), waits for it
    /// and returns its output. Past <paramref name="timeout"/> the process tree is killed and the test fails.
    /// </summary>
    public static async Task<NodeToolResult> RunAsync(
        string name, IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Locate(name))
        {
            WorkingDirectory = ToolsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            Assert.Fail($"{name} did not finish within {timeout ?? DefaultTimeout}.");
        }

        return new NodeToolResult(process.ExitCode, await stdout, await stderr);
    }
}
