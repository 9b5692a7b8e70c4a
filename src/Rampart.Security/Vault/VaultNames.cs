namespace Rampart.Security.Vault;

/// <summary>The rules for names and scope parts (the same ones the pipeline file uses).</summary>
internal static class VaultNames
{
    public const int MaxNameLength = 128;
    public const int MaxPatternLength = 256;

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && (char.IsAsciiLetterUpper(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>
    /// Reserved names the service itself reads (webhook secrets). No job can receive them: the
    /// pipeline file refuses RAMPART_ names and the server filters them when handing out secrets.
    /// </summary>
    public static readonly IReadOnlySet<string> ServerNames = new HashSet<string>(StringComparer.Ordinal) { "RAMPART_WEBHOOK_SECRET" };

    public static void CheckName(string name)
    {
        if (!IsValidName(name))
            throw new VaultException($"'{name}' is not a valid secret name ([A-Z_][A-Z0-9_]*, at most {MaxNameLength} characters)");
        if (name.StartsWith("RAMPART_", StringComparison.Ordinal) && !ServerNames.Contains(name))
            throw new VaultException($"'{name}': names starting with RAMPART_ are reserved");
    }

    public static void CheckScope(VaultScope scope)
    {
        if (scope.Environment is { } env && (env.Length is 0 or > 64 || !(char.IsAsciiLetterLower(env[0]) || char.IsAsciiDigit(env[0]))
            || !env.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')))
            throw new VaultException($"'{env}' is not a valid environment name ([a-z0-9][a-z0-9_-]*, at most 64 characters)");
        foreach (var (part, value) in new[] { ("repository", scope.Repository), ("branch", scope.Branch) })
        {
            if (value is not null && (value.Length is 0 or > MaxPatternLength || value.Any(char.IsControl)))
                throw new VaultException($"the {part} pattern must be 1 to {MaxPatternLength} printable characters");
        }
    }
}
