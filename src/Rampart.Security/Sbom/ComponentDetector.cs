using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Sbom.Readers.Npm;
using Rampart.Security.Sbom.Readers.NuGet;
using Rampart.Security.Sbom.Readers.Other;
using Rampart.Security.Sbom.Readers.Python;

namespace Rampart.Security.Sbom;

/// <summary>
/// Finds every lockfile and manifest under a folder (never following symbolic links, skipping
/// <c>.git</c>, <c>node_modules</c> and <c>.rampart</c>), reads them in parallel and merges the
/// components by purl. A project file whose folder also has a lock (<c>packages.lock.json</c> or
/// <c>obj/project.assets.json</c>) is not read: the lock has the resolved graph.
/// </summary>
public sealed class ComponentDetector
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "node_modules", ".rampart", ".hg", ".svn" };

    public static IReadOnlyList<ILockfileReader> DefaultReaders { get; } =
    [
        new PackagesLockJsonReader(), new ProjectAssetsJsonReader(), new ProjectFileReader(), new PackagesConfigReader(), new DepsJsonReader(),
        new PackageLockJsonReader(), new YarnLockReader(), new PnpmLockReader(),
        new RequirementsTxtReader(), new PipfileLockReader(), new PoetryUvLockReader(),
        new PomXmlReader(), new GoModReader(), new CargoLockReader(), new GemfileLockReader(), new ComposerLockReader(),
    ];

    private readonly IReadOnlyList<ILockfileReader> _readers;

    public ComponentDetector(IReadOnlyList<ILockfileReader>? readers = null)
    {
        _readers = readers ?? DefaultReaders;
    }

    /// <summary>Reads a folder (or one file) into an SBOM. Files that fail to parse are listed in <see cref="DetectionResult.Errors"/>.</summary>
    public DetectionResult Detect(string path, SbomSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var root = File.Exists(full) ? Path.GetDirectoryName(full)! : full;
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{path}: no such file or folder");
        var files = File.Exists(full) ? [full] : Walk(root, cancellationToken);
        var work = files.Select(f => (File: f, Reader: _readers.FirstOrDefault(r => r.Matches(Path.GetFileName(f)))))
            .Where(x => x.Reader is not null && !Superseded(x.File, x.Reader!)).OrderBy(x => x.File, StringComparer.Ordinal).ToList();
        var results = new (IReadOnlyList<Component>? Components, string? Error)[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var display = Path.GetRelativePath(root, work[i].File).Replace('\\', '/');
            try
            {
                results[i] = (work[i].Reader!.Read(new LockfileInput(work[i].File, display)), null);
            }
            catch (LockfileException e)
            {
                results[i] = (null, e.Message);
            }
            catch (IOException e)
            {
                results[i] = (null, $"{display}: {e.Message}");
            }
            catch (UnauthorizedAccessException e)
            {
                results[i] = (null, $"{display}: {e.Message}");
            }
        });

        var merged = new GraphBuilder();
        foreach (var (components, _) in results)
        {
            foreach (var component in components ?? [])
                merged.Add(component);
        }

        var sources = work.Select(w => Path.GetRelativePath(root, w.File).Replace('\\', '/')).ToList();
        return new DetectionResult(new SbomDocument(subject, merged.Build()) { Sources = sources }, [.. results.Select(r => r.Error).OfType<string>()]);
    }

    private static bool Superseded(string file, ILockfileReader reader)
    {
        if (reader is not ProjectFileReader || Path.GetFileName(file).Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase))
            return false;
        var folder = Path.GetDirectoryName(file)!;
        return File.Exists(Path.Combine(folder, "packages.lock.json")) || File.Exists(Path.Combine(folder, "obj", "project.assets.json"));
    }

    private static List<string> Walk(string root, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
                files.Add(file);
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                    pending.Push(sub);
            }
        }

        return files;
    }
}
