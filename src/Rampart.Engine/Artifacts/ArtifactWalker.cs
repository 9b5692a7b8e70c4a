namespace Rampart.Engine.Artifacts;

/// <summary>
/// Walks the workspace for one pattern. Only entries the pattern can still match are looked at.
/// A symbolic link is resolved completely; if the pattern needs it (it matches the link, or could
/// match below a linked directory) and it leads outside the workspace, the walk fails rather than
/// skipping it, so a pipeline that depends on such a link learns why. Links inside the workspace
/// are followed, with a guard against cycles.
/// </summary>
internal sealed class ArtifactWalker(string realRoot, ArtifactPattern pattern, IDictionary<string, ArtifactCandidate> found, int maxCount)
{
    private const int MaxEntriesVisited = 1_000_000;
    private static readonly EnumerationOptions ListOnly = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    private readonly HashSet<string> _ancestry = new(StringComparer.Ordinal);
    private int _visited;
    private int _matched;

    /// <summary>Adds the pattern's files to the shared result and returns how many it matched.</summary>
    public int Walk()
    {
        Visit("", realRoot, pattern.Start());
        return _matched;
    }

    private void Visit(string logicalDir, string realDir, int[] states)
    {
        if (!_ancestry.Add(realDir))
            return; // a link back to a directory being walked: its files are reached by the other path
        try
        {
            foreach (var entry in List(logicalDir, realDir))
            {
                if (++_visited > MaxEntriesVisited)
                    throw Refuse(logicalDir, $"walk visits more than {MaxEntriesVisited} entries");
                var next = pattern.Step(states, entry.Name);
                if (next.Length == 0)
                    continue;
                var name = logicalDir.Length == 0 ? entry.Name : logicalDir + "/" + entry.Name;
                var isMatch = pattern.IsComplete(next);
                var descend = pattern.CanDescend(next);
                if (entry.LinkTarget is not null)
                    VisitLink(name, entry.FullName, next, isMatch, descend);
                else if (entry is DirectoryInfo)
                {
                    if (descend)
                        Visit(name, entry.FullName, next);
                }
                else if (isMatch)
                    Add(name, entry.FullName);
            }
        }
        finally
        {
            _ancestry.Remove(realDir);
        }
    }

    private void VisitLink(string name, string linkPath, int[] next, bool isMatch, bool descend)
    {
        string real;
        try
        {
            real = RealPath.Resolve(linkPath);
        }
        catch (IOException e)
        {
            throw Refuse(name, e.Message, e);
        }
        var isDirectory = Directory.Exists(real);
        if (!isMatch && !(descend && isDirectory))
            return;
        if (!RealPath.IsInside(real, realRoot))
            throw Refuse(name, $"is a symbolic link that leads outside the workspace (to '{ArtifactPathException.Printable(real)}')");
        if (isDirectory)
        {
            if (descend)
                Visit(name, real, next);
        }
        else if (!File.Exists(real))
            throw Refuse(name, "is a dangling symbolic link");
        else
            Add(name, real);
    }

    private void Add(string name, string realPath)
    {
        if (name.Any(char.IsControl))
            throw Refuse(name, "has a control character in its name");
        _matched++;
        if (found.ContainsKey(name))
            return;
        if (found.Count >= maxCount)
            throw new ArtifactPathException(pattern.Text, null, $"artifacts exceed the limit of {maxCount} files (pattern '{pattern.Text}')");
        found.Add(name, new ArtifactCandidate(name, realPath, pattern.Text));
    }

    private List<FileSystemInfo> List(string logicalDir, string realDir)
    {
        try
        {
            var entries = new DirectoryInfo(realDir).EnumerateFileSystemInfos("*", ListOnly).ToList();
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refuse(logicalDir.Length == 0 ? "." : logicalDir, $"cannot be listed: {e.Message}", e);
        }
    }

    private ArtifactPathException Refuse(string name, string reason, Exception? inner = null) =>
        new(pattern.Text, name, $"artifact '{ArtifactPathException.Printable(name)}' (pattern '{pattern.Text}') {reason}", inner);
}
