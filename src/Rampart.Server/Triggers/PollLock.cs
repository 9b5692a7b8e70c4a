namespace Rampart.Server.Triggers;

/// <summary>
/// An exclusive lock file in the state folder: of the replicas sharing that folder, one polls. The
/// operating system drops the lock when its process dies, so another replica takes over.
/// </summary>
internal static class PollLock
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(30);

    public static async Task<IDisposable> AcquireAsync(string stateDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, "poll.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(Retry, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
