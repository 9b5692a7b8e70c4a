using System.Diagnostics;
using System.Text;

namespace Rampart.Server.Tests.Service;

/// <summary>
/// A long-running <c>rampart</c> process (a server or a runner) started by a test: its output is
/// collected, and it is killed (SIGKILL, the whole process tree) when disposed or when a test asks.
/// </summary>
public sealed class RampartChild : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly List<(string Marker, TaskCompletionSource<string> Seen)> _waiters = [];

    private RampartChild(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lock)
                return _output.ToString();
        }
    }

    public static RampartChild Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var child = new RampartChild(Process.Start(StartInfo(environment, args))!);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a short <c>rampart</c> command to its end, with <paramref name="input"/> on standard input.</summary>
    public static async Task<(int ExitCode, string Output)> RunOnceAsync(IReadOnlyDictionary<string, string> environment, string input, params string[] args)
    {
        var start = StartInfo(environment, args);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>The first output line containing <paramref name="marker"/>; fails when the process exits first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _output.ToString().Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            if (existing is not null)
                return existing;
            _waiters.Add((marker, seen));
        }

        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (first == seen.Task)
            return await seen.Task;
        throw new InvalidOperationException($"'{marker}' not seen ({(first == exited ? "process exited" : "timed out")}); output:\n{Output}");
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to end on its own.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for a short-lived command to end (its output read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_lock)
        {
            _output.Append(line).Append('\n');
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Marker, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
