using System.Diagnostics;

namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>
/// The files of a directory tree to scan, as paths relative to the root with forward slashes.
/// Inside a git work tree git lists them (tracked plus untracked-not-ignored), which is exact;
/// elsewhere the tree is walked with nested .gitignore files. Symbolic links are never followed.
/// </summary>
internal static class FileLister
{
    /// <summary>
    /// The files, each with the <see cref="FileInfo"/> the walk already holds (its type and length come
    /// with the directory listing), or null when git listed it and the caller must look.
    /// </summary>
    public static async Task<IReadOnlyList<(string Path, FileInfo? Info)>> ListAsync(string root, bool respectGitIgnore, CancellationToken cancellationToken)
    {
        if (respectGitIgnore && await GitListAsync(root, cancellationToken).ConfigureAwait(false) is { } listed)
            return [.. listed.Select(path => (path, (FileInfo?)null))];
        var files = new List<(string, FileInfo?)>();
        Walk(root, "", respectGitIgnore ? [] : null, files, cancellationToken);
        return files;
    }

    private static async Task<IReadOnlyList<string>?> GitListAsync(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")) && !InsideWorkTree(root))
            return null;
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others", "--exclude-standard" })
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            if (process.ExitCode != 0)
                return null;
            return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
        }
    }

    private static bool InsideWorkTree(string root)
    {
        for (var dir = new DirectoryInfo(root).Parent; dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")))
                return true;
        }

        return false;
    }

    private static void Walk(string root, string relative, List<GitIgnore>? ignores, List<(string, FileInfo?)> files, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folder = relative.Length == 0 ? root : Path.Combine(root, relative);
        var added = false;
        if (ignores is not null && File.Exists(Path.Combine(folder, ".gitignore")))
        {
            ignores.Add(new GitIgnore(relative, File.ReadLines(Path.Combine(folder, ".gitignore"))));
            added = true;
        }

        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            // The link flag comes with the directory entry; LinkTarget would cost a readlink per entry.
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                continue;
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (isDirectory && entry.Name == ".git")
                continue;
            if (ignores is not null && Ignored(ignores, path, isDirectory))
                continue;
            if (isDirectory)
                Walk(root, path, ignores, files, cancellationToken);
            else
                files.Add((path, entry as FileInfo));
        }

        if (added)
            ignores!.RemoveAt(ignores.Count - 1);
    }

    private static bool Ignored(List<GitIgnore> ignores, string path, bool isDirectory)
    {
        // The deepest .gitignore that has an opinion wins, as in git.
        for (var i = ignores.Count - 1; i >= 0; i--)
        {
            var ignore = ignores[i];
            var local = ignore.BaseRelative.Length == 0 ? path : path[(ignore.BaseRelative.Length + 1)..];
            if (ignore.Decide(local, isDirectory) is { } verdict)
                return verdict;
        }

        return false;
    }
}
