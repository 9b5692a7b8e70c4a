using System.Diagnostics;

namespace Rampart.Server.Api;

/// <summary>Resolves a ref on the repository's remote (<c>git ls-remote</c>), for runs started without a commit id.</summary>
internal static class RemoteRefs
{
    public static async Task<string?> ResolveAsync(string cloneUrl, string gitRef, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ls-remote", "--", Path.IsPathRooted(cloneUrl) ? "file://" + cloneUrl : cloneUrl, gitRef })
            start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start git");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0 && output.Split('\t', '\n') is [{ Length: 40 or 64 } commit, ..] ? commit : null;
    }
}
