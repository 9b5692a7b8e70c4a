namespace Rampart.Engine.Artifacts;

/// <summary>
/// Resolves every symbolic link in an absolute Unix path, component by component, like
/// realpath(3) but without requiring the final component to exist. The base library only
/// resolves the last component (<see cref="FileSystemInfo.ResolveLinkTarget"/>), which misses
/// <c>dir -&gt; /etc</c> followed by <c>dir/passwd</c>.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40; // the kernel's own limit before ELOOP

    public static string Resolve(string absolutePath)
    {
        if (!absolutePath.StartsWith('/'))
            throw new ArgumentException($"not an absolute path: '{absolutePath}'", nameof(absolutePath));

        var pending = new Stack<string>(absolutePath.Split('/').Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var next = current == "/" ? "/" + part : current + "/" + part;
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                throw new IOException($"too many levels of symbolic links in '{absolutePath}'");
            if (target.StartsWith('/'))
                current = "/";
            foreach (var piece in target.Split('/').Reverse())
                pending.Push(piece);
        }
        return current;
    }

    /// <summary>True when <paramref name="realPath"/> is <paramref name="realRoot"/> or below it.</summary>
    public static bool IsInside(string realPath, string realRoot) =>
        realRoot == "/"
        || realPath == realRoot
        || realPath.StartsWith(realRoot + "/", StringComparison.Ordinal);
}
