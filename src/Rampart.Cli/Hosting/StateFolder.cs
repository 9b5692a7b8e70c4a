namespace Rampart.Cli.Hosting;

/// <summary>
/// Finds the state folder: <c>--home</c>, else <c>RAMPART_HOME</c>, else <c>.rampart/</c> at the
/// root of the git repository around a folder (or in that folder, outside any repository).
/// </summary>
internal static class StateFolder
{
    public const string EnvironmentVariable = "RAMPART_HOME";

    public static string Resolve(string? home, string near)
    {
        var chosen = home ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
            return Path.GetFullPath(chosen);
        var start = Path.GetFullPath(near);
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                return Path.Combine(dir.FullName, ".rampart");
        }

        return Path.Combine(start, ".rampart");
    }

    /// <summary>Creates the folder (private to the user) and keeps its contents out of git, except the pipeline file.</summary>
    public static void Ensure(string state)
    {
        Directory.CreateDirectory(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var ignore = Path.Combine(state, ".gitignore");
        if (!File.Exists(ignore))
            File.WriteAllText(ignore, "# Rampart state: runs, logs, artifacts and keys. Only configuration is source.\n*\n!.gitignore\n!pipeline.yml\n!secrets.toml\n!misconfig.yml\n!policy/\n!policy/**\n");
    }

    public static string DatabasePath(string state) => Path.Combine(state, "rampart.db");

    public static string ArtifactsPath(string state) => Path.Combine(state, "artifacts");
}
