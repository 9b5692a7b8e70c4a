namespace Rampart.Security.Vulns.Store;

/// <summary>
/// Where the advisory store lives when no folder is given: <c>RAMPART_OSV_DB</c>, else
/// <c>$XDG_CACHE_HOME/rampart/osv</c>, else <c>~/.cache/rampart/osv</c>. Advisories are not per
/// repository, so one store serves every repository and run on the machine.
/// </summary>
public static class AdvisoryLocation
{
    public const string EnvironmentVariable = "RAMPART_OSV_DB";

    public static string Resolve(string? explicitFolder = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
            return Path.GetFullPath(explicitFolder);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
            return Path.GetFullPath(fromEnv);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "rampart", "osv");
    }
}
