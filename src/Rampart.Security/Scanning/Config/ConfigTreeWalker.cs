namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Lists the files of a tree that may hold configuration, never following symbolic links (a link
/// could lead outside the scanned root) and skipping folders that hold no sources of the project.
/// </summary>
internal static class ConfigTreeWalker
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "node_modules", ".terraform", "bin", "obj", ".venv", "__pycache__",
    };

    public static IEnumerable<string> RelativeFiles(string root, IReadOnlyList<PathGlob> exclude)
    {
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            var full = relative.Length == 0 ? root : Path.Combine(root, relative);
            var entries = new DirectoryInfo(full).EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                IgnoreInaccessible = true,
                AttributesToSkip = FileAttributes.ReparsePoint,
                RecurseSubdirectories = false,
            }).OrderBy(e => e.Name, StringComparer.Ordinal);
            var folders = new List<string>();
            foreach (var entry in entries)
            {
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (exclude.Any(g => g.IsMatch(path)))
                    continue;
                if (entry is DirectoryInfo)
                {
                    if (!SkippedFolders.Contains(entry.Name))
                        folders.Add(path);
                }
                else if (IsStateFolderFile(path))
                {
                    continue;
                }
                else
                {
                    yield return path;
                }
            }

            for (var i = folders.Count - 1; i >= 0; i--)
                pending.Push(folders[i]);
        }
    }

    /// <summary>Rampart's state folder holds run records and logs; only its pipeline file is configuration.</summary>
    private static bool IsStateFolderFile(string path)
    {
        var at = path.StartsWith(".rampart/", StringComparison.Ordinal) ? 0 : path.IndexOf("/.rampart/", StringComparison.Ordinal) + 1;
        if (at < 0 || (at == 0 && !path.StartsWith(".rampart/", StringComparison.Ordinal)))
            return false;
        var rest = path[(at + ".rampart/".Length)..];
        return rest is not ("pipeline.yml" or "misconfig.yml");
    }
}
