using System.Diagnostics;

namespace Rampart.Engine.Sandbox;

/// <summary>
/// Launches a step command through a tiny <c>/bin/sh</c> shim that joins the step's cgroups and
/// merges stderr into stdout (so output keeps its order), then supervises it: time limit,
/// output limit, and a kill of everything left behind when it ends.
/// </summary>
internal static class StepProcess
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    public static async Task<SandboxResult> RunAsync(
        IReadOnlyList<string> command,
        string hostWorkingDirectory,
        IReadOnlyDictionary<string, string> launcherEnvironment,
        SandboxRequest request,
        StepCgroup? cgroup,
        Action<ReadOnlyMemory<byte>> output,
        CancellationToken cancellationToken,
        byte[]? standardInput = null)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = hostWorkingDirectory,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add((cgroup is null ? "" : cgroup.JoinCommand + " && ") + "exec \"$@\" 2>&1");
        startInfo.ArgumentList.Add("rampart-step");
        foreach (var arg in command)
            startInfo.ArgumentList.Add(arg);
        startInfo.Environment.Clear();
        foreach (var (key, value) in launcherEnvironment)
            startInfo.Environment[key] = value;

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new SandboxUnavailableException("could not start /bin/sh");
        var feed = FeedAsync(process.StandardInput, standardInput ?? []);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        var limit = request.Limits.OutputBytes;
        var outputLimitExceeded = false;

        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var pump = PumpAsync(process.StandardOutput.BaseStream, limit, output, () => outputLimitExceeded = true, Kill);

        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await feed.ConfigureAwait(false);

        // Anything the step left running (possible only without a PID namespace) dies with it.
        cgroup?.KillAll();
        await Task.WhenAny(pump, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false);
        var launcherErrors = await Task.WhenAny(stderrTask, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false) == stderrTask
            ? await stderrTask.ConfigureAwait(false)
            : "";
        // Only once the pump is done: the output callback is never called from two threads at once.
        if (launcherErrors.Length > 0 && pump.IsCompleted)
            output(System.Text.Encoding.UTF8.GetBytes(launcherErrors));

        stopwatch.Stop();
        var timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        cancellationToken.ThrowIfCancellationRequested();
        return new SandboxResult(
            process.ExitCode,
            timedOut,
            outputLimitExceeded,
            cgroup?.MemoryLimitHit ?? false,
            stopwatch.Elapsed);

        void Kill()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }

            cgroup?.KillAll();
        }
    }

    private static async Task PumpAsync(Stream stdout, long limit, Action<ReadOnlyMemory<byte>> output, Action onLimit, Action kill)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await stdout.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            if (total + read > limit)
            {
                var allowed = (int)Math.Max(0, limit - total);
                if (allowed > 0)
                    output(buffer.AsMemory(0, allowed));
                onLimit();
                kill();
                return;
            }

            total += read;
            output(buffer.AsMemory(0, read));
        }
    }

    /// <summary>Writes the launcher's input (bwrap's options), then closes it so the step sees end of input.</summary>
    private static async Task FeedAsync(StreamWriter input, byte[] content)
    {
        try
        {
            if (content.Length > 0)
                await input.BaseStream.WriteAsync(content, CancellationToken.None).ConfigureAwait(false);
            input.Close();
        }
        catch (IOException)
        {
            // The launcher died before reading everything; its exit status tells the story.
        }
    }
}
