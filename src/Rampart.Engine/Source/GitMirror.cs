using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Engine.Source;

/// <summary>
/// A bare mirror of a remote repository in a cache folder, fetched until it holds the wanted commit.
/// The service and its runners check commits out of their mirror, never out of the remote directly,
/// so each build fetches only what is new. One process at a time updates a mirror (a lock file).
/// A mirror that already holds the commit is used without the lock: git reads objects safely while
/// another process fetches, and the mirror folder appears only once its first clone is complete.
/// </summary>
public static class GitMirror
{
    // Tasks of this process queue here (in order) before trying the lock file, instead of all polling
    // it: a burst of runs waited for the lock in no particular order, and some waited for minutes.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<string> EnsureAsync(string cacheDirectory, string cloneUrl, string commit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cloneUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(commit);
        if (cloneUrl.StartsWith('-') || commit.StartsWith('-'))
            throw new SourceException($"refusing a clone URL or commit that starts with '-': {cloneUrl} {commit}");
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cloneUrl)))[..24];
        var mirror = Path.Combine(cacheDirectory, "mirrors", name + ".git");
        Directory.CreateDirectory(Path.GetDirectoryName(mirror)!);
        if (Directory.Exists(mirror) && await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            return mirror;

        var gate = Gates.GetOrAdd(mirror, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = await LockAsync(mirror + ".lock", cancellationToken).ConfigureAwait(false);
            return await UpdateAsync(cacheDirectory, mirror, cloneUrl, commit, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<string> UpdateAsync(string cacheDirectory, string mirror, string cloneUrl, string commit, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(mirror))
        {
            var partial = mirror + ".partial";
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
            await GitCommand.RunCheckedAsync(cacheDirectory, ["clone", "--quiet", "--mirror", "--", Remote(cloneUrl), partial], cancellationToken).ConfigureAwait(false);
            Directory.Move(partial, mirror);
        }

        if (await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            return mirror;
        await GitCommand.RunCheckedAsync(mirror, ["fetch", "--quiet", "--prune", "--no-tags", "--", Remote(cloneUrl), "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"], cancellationToken).ConfigureAwait(false);
        if (await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            return mirror;
        // A pull request's head or a commit no branch points at any more: ask for it by id.
        var (code, _, error) = await GitCommand.RunAsync(mirror, ["fetch", "--quiet", "--no-tags", "--", Remote(cloneUrl), commit], cancellationToken).ConfigureAwait(false);
        if (code != 0 || !await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            throw new SourceException($"{cloneUrl}: commit {commit} not found ({error.Split('\n')[0].Trim()})");
        return mirror;
    }

    // A local path is fetched through git's own transport, so the mirror never hard-links into it.
    private static string Remote(string cloneUrl) => Path.IsPathRooted(cloneUrl) ? "file://" + cloneUrl : cloneUrl;

    private static async Task<bool> HasCommitAsync(string mirror, string commit, CancellationToken cancellationToken)
    {
        var (code, _, _) = await GitCommand.RunAsync(mirror, ["cat-file", "-e", commit + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return code == 0;
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
