namespace Rampart.Core.Tests.Interop;

/// <summary>
/// Finds the repository root (the folder holding <c>Rampart.slnx</c>, walking up from the test binary)
/// and the shared test data (<c>../shared/testdata</c> from the root, or <c>RAMPART_TESTDATA</c>).
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string TestData =>
        Environment.GetEnvironmentVariable("RAMPART_TESTDATA") is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "testdata"));

    /// <summary>A file under the shared test data; fails the test (never skips) when it is absent.</summary>
    public static string TestDataFile(params string[] parts)
    {
        var path = Path.Combine([TestData, .. parts]);
        if (!File.Exists(path))
        {
            Assert.Fail($"Test data file not found: {path}. Set RAMPART_TESTDATA to the shared testdata folder.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rampart.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Rampart.slnx above {AppContext.BaseDirectory}.");
    }
}
