namespace Rampart.Security.Vault;

/// <summary>One writer at a time: an exclusive open of <c>vault/.lock</c>, retried for a few seconds.</summary>
internal sealed class VaultLock(string path)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public IDisposable Acquire()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
