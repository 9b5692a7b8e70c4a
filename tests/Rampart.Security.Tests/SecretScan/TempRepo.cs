using System.Diagnostics;

namespace Rampart.Security.Tests.SecretScan;

/// <summary>A throwaway folder, optionally a git repository built with real git commands.</summary>
public sealed class TempRepo : IDisposable
{
    private TempRepo(string path) => Path = path;

    public string Path { get; }

    public static TempRepo Empty()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rampart-ss-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return new TempRepo(path);
    }

    public static TempRepo Git()
    {
        var repo = Empty();
        repo.Run("init", "-q", "-b", "main");
        repo.Run("config", "user.email", "dev@example.test");
        repo.Run("config", "user.name", "Dev");
        repo.Run("config", "commit.gpgsign", "false");
        return repo;
    }

    /// <summary>Copies a fixture repository, renaming its stored dotGit folder to .git.</summary>
    public static TempRepo CopyOf(string source)
    {
        var repo = Empty();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.StartsWith("dotGit", StringComparison.Ordinal))
                relative = ".git" + relative[6..];
            var target = System.IO.Path.Combine(repo.Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }

        return repo;
    }

    public void Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public string Commit(string message)
    {
        Run("add", "-A");
        Run("commit", "-q", "-m", message);
        return Run("rev-parse", "HEAD").Trim();
    }

    public string Run(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
