using System.Diagnostics;
using System.Text;

namespace Rampart.Engine.Source;

/// <summary>Runs git with a controlled environment: no user hooks, no pager, no prompts.</summary>
internal static class GitCommand
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyList<string> args, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(workingDirectory, args);
        start.StandardOutputEncoding = Encoding.UTF8;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Start(start);

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }

    /// <summary>git with every stream redirected, in a controlled environment.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";
        return start;
    }

    public static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new SourceException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SourceException($"git is not installed or not on PATH ({e.Message})");
        }
    }

    public static async Task<string> RunCheckedAsync(string workingDirectory, IReadOnlyList<string> args, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (code, output, error) = await RunAsync(workingDirectory, args, cancellationToken, environment).ConfigureAwait(false);
        if (code != 0)
        {
            var firstLine = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {code}";
            throw new SourceException($"git {args[0]} failed: {firstLine.Trim()}");
        }

        return output;
    }
}
