using Rampart.Engine.Source;
using Rampart.Server.Triggers;

namespace Rampart.Server.Deployments;

/// <summary>Reads a commit's author (<c>name &lt;email&gt;</c>) from the server's mirror of the repository.</summary>
internal static class CommitAuthor
{
    public static async Task<string?> ReadAsync(string cacheDirectory, string cloneUrl, string commit, CancellationToken cancellationToken)
    {
        var mirror = await GitMirror.EnsureAsync(cacheDirectory, cloneUrl, commit, cancellationToken).ConfigureAwait(false);
        var (code, output, _) = await ToolProcess.RunAsync("git", ["-C", mirror, "log", "-1", "--format=%an <%ae>", commit, "--"], null, null, null,
            TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return code == 0 && output.Trim() is { Length: > 0 } author ? author : null;
    }
}
