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
        var waited = !gate.Wait(0, CancellationToken.None);
        if (waited)
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (held, lockWaited) = await LockAsync(mirror + ".lock", cancellationToken).ConfigureAwait(false);
            using (held)
            {
                // Ask again only after waiting for another update: had one slipped in unseen, this fetch merely finds nothing new.
                var recheck = waited || lockWaited;
                return await UpdateAsync(cacheDirectory, mirror, cloneUrl, commit, recheck, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<string> UpdateAsync(string cacheDirectory, string mirror, string cloneUrl, string commit, bool recheck,
        CancellationToken cancellationToken)
    {
        if (!Directory.Exists(mirror))
        {
            var partial = mirror + ".partial";
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
            await GitCommand.RunCheckedAsync(cacheDirectory, ["clone", "--quiet", "--mirror", "--", Remote(cloneUrl), partial], cancellationToken).ConfigureAwait(false);
            Directory.Move(partial, mirror);
            recheck = true;
        }

        if (recheck && await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            return mirror;
        // Housekeeping (git's auto maintenance) is left out of the fetch, which sits on the path from a
        // push to its first job, and run beside it instead: see MaintainInBackground.
        await GitCommand.RunCheckedAsync(mirror, ["fetch", "--quiet", "--prune", "--no-tags", "--no-auto-maintenance", "--no-write-fetch-head", "--",
            Remote(cloneUrl), "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"], cancellationToken).ConfigureAwait(false);
        MaintainInBackground(mirror);
        if (await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            return mirror;
        // A pull request's head or a commit no branch points at any more: ask for it by id.
        var (code, _, error) = await GitCommand.RunAsync(mirror, ["fetch", "--quiet", "--no-tags", "--no-auto-maintenance", "--no-write-fetch-head", "--", Remote(cloneUrl), commit], cancellationToken).ConfigureAwait(false);
        if (code != 0 || !await HasCommitAsync(mirror, commit, cancellationToken).ConfigureAwait(false))
            throw new SourceException($"{cloneUrl}: commit {commit} not found ({error.Split('\n')[0].Trim()})");
        return mirror;
    }

    // A local path is fetched through git's own transport, so the mirror never hard-links into it.
    private static string Remote(string cloneUrl) => Path.IsPathRooted(cloneUrl) ? "file://" + cloneUrl : cloneUrl;

    private static async Task<bool> HasCommitAsync(string mirror, string commit, CancellationToken cancellationToken) =>
        await GitObjectReader.For(mirror).ReadAsync(commit + "^{commit}", cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Runs <c>git maintenance run --auto</c> (packs loose objects once there are many) at most once a
    /// minute per mirror, without waiting for it, as git itself does after a fetch (gc.autoDetach):
    /// git keeps readers and fetches safe while it repacks.
    /// </summary>
    private static void MaintainInBackground(string mirror)
    {
        var now = Environment.TickCount64;
        var last = LastMaintenance.GetOrAdd(mirror, long.MinValue / 2);
        if (now - last < MaintenanceInterval || !LastMaintenance.TryUpdate(mirror, now, last))
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await GitCommand.RunAsync(mirror, ["maintenance", "run", "--auto", "--quiet"], CancellationToken.None).ConfigureAwait(false);
            }
            catch (SourceException)
            {
                // Housekeeping only: the next fetch tries again.
            }
        });
    }

    private const long MaintenanceInterval = 60_000;
    private static readonly ConcurrentDictionary<string, long> LastMaintenance = new(StringComparer.Ordinal);

    private static async Task<(FileStream Lock, bool Waited)> LockAsync(string path, CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            try
            {
                return (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), waited);
            }
            catch (IOException)
            {
                waited = true;
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
