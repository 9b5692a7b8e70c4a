using System.Security.Cryptography;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Runs;

/// <summary>
/// A job's secrets as files (<c>permissions.secrets-as: files</c>): one file per secret in a fresh
/// folder on the host's <c>/dev/shm</c> tmpfs (memory, never disk), readable only by the step user,
/// bound read-only at <c>/run/secrets</c> in the job's sandboxes, and overwritten and removed when
/// the job ends. Folders are named after the engine's process id, so folders left by an engine
/// that was killed are found and removed by the next one.
/// </summary>
internal sealed class SecretFiles : IDisposable
{
    public const string SandboxPath = "/run/secrets";
    public const string PathVariable = "RAMPART_SECRETS_DIR";
    private const string MemoryRoot = "/dev/shm";
    private const string Prefix = "rampart-secrets-";

    private readonly string _folder;

    private SecretFiles(string folder)
    {
        _folder = folder;
    }

    public SandboxMount Mount => new(_folder, SandboxPath, Writable: false, PathVariable);

    public static SecretFiles Create(IReadOnlyDictionary<string, string> secrets)
    {
        if (!IsTmpfs(MemoryRoot))
            throw new SandboxUnavailableException($"secrets-as: files needs a tmpfs at {MemoryRoot}, and this host has none; use secrets-as: env");
        RemoveOrphans(MemoryRoot);
        var folder = Path.Combine(MemoryRoot, $"{Prefix}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}");
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = new SecretFiles(folder);
        try
        {
            foreach (var (name, value) in secrets)
            {
                var path = Path.Combine(folder, name);
                using (var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead }))
                    stream.Write(System.Text.Encoding.UTF8.GetBytes(value));
                Ownership.GiveToStepUser(path);
            }

            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Ownership.GiveToStepUser(folder);
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>Removes secret folders whose engine process no longer exists.</summary>
    internal static int RemoveOrphans(string root)
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var owner = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                new SecretFiles(folder).Dispose();
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another engine's user owns it; that engine cleans its own.
            }
        }

        return removed;
    }

    private static bool IsTmpfs(string mountPoint) =>
        File.Exists("/proc/self/mounts") && File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Any(f => f.Length > 2 && f[1] == mountPoint && f[2] == "tmpfs");

    public void Dispose()
    {
        if (!Directory.Exists(_folder))
            return;
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in Directory.EnumerateFiles(_folder))
        {
            try
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var length = new FileInfo(file).Length;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
                    stream.Write(new byte[length]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removal below still takes the memory back.
            }
        }

        Directory.Delete(_folder, recursive: true);
    }
}
