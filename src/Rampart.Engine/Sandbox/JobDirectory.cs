using System.Diagnostics;

namespace Rampart.Engine.Sandbox;

/// <summary>
/// A job's private directory: <c>workspace/</c> (the checkout) and <c>home/</c>. It lives under a
/// base directory that is traversable but not listable (0711), is owned by the step user and
/// readable by nobody else (0700), and is deleted when the job ends.
/// </summary>
public sealed class JobDirectory : IDisposable
{
    private JobDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string Workspace => System.IO.Path.Combine(Path, "workspace");

    public string Home => System.IO.Path.Combine(Path, "home");

    /// <summary>The default base: <c>$TMPDIR/rampart-jobs</c>, outside any user's home so the step user can reach it.</summary>
    public static string DefaultBase => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rampart-jobs");

    public static JobDirectory Create(string baseDirectory, string name)
    {
        Directory.CreateDirectory(baseDirectory);
        File.SetUnixFileMode(baseDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var path = System.IO.Path.Combine(baseDirectory, $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 80)]);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var directory = new JobDirectory(path);
        Directory.CreateDirectory(directory.Workspace);
        Directory.CreateDirectory(directory.Home);
        return directory;
    }

    /// <summary>Gives the whole tree to the step user (call after the checkout is in place).</summary>
    public void HandToStepUser()
    {
        if (!StepUser.SwitchesUser)
            return;
        var start = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("-R");
        start.ArgumentList.Add($"{StepUser.Uid}:{StepUser.Gid}");
        start.ArgumentList.Add(Path);
        using var process = Process.Start(start) ?? throw new SandboxUnavailableException("could not start chown");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new SandboxUnavailableException($"could not hand the job directory to the step user: {error.Trim()}");
    }

    public void Dispose()
    {
        if (!Directory.Exists(Path))
            return;
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A step may have removed write permission from its own directories.
            MakeWritable(Path);
            Directory.Delete(Path, recursive: true);
        }
    }

    private static void MakeWritable(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }).Prepend(root))
        {
            try
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
