namespace Rampart.Engine.Tests.Pipeline;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rampart.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Rampart.slnx not found above " + AppContext.BaseDirectory);
    }
}
