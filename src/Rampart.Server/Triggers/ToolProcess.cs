using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Rampart.Server.Triggers;

/// <summary>
/// Runs git, gpg or gpgconf with a controlled environment (no prompts, no pager, no user or system git
/// configuration) and a time limit; the process tree is killed when the limit or the caller's
/// cancellation comes first.
/// </summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IReadOnlyList<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment,
        string? input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        // Never wait for a password or a host-key question; an operator's own SSH command is kept.
        start.Environment.TryAdd("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} is not installed or not on PATH ({e.Message})", e);
        }

        using (process)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            if (input is not null)
                await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
