using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Config;

/// <summary>
/// Finds and loads the rules for a scan: <c>--config FILE</c>, else <c>.rampart/secrets.toml</c> at the
/// scanned root, else the built-in pack. A project file adds rules and allowlists to the built-in pack
/// (or replaces it with <c>[extend] useDefault = false</c>) and disables rules with <c>[extend] disabledRules</c>.
/// </summary>
public static class SecretScanConfig
{
    public const string ProjectFile = ".rampart/secrets.toml";

    public static (SecretRuleSet Rules, string Source) Resolve(string? configFile, string? scanRoot)
    {
        if (configFile is not null)
            return (SecretRuleSet.Compile(GitleaksToml.LoadFile(configFile, Path.GetDirectoryName(Path.GetFullPath(configFile)), builtInWhenNoExtend: true)), configFile);
        if (scanRoot is not null && Path.Combine(scanRoot, ProjectFile) is var project && File.Exists(project))
            return (SecretRuleSet.Compile(GitleaksToml.LoadFile(project, scanRoot, builtInWhenNoExtend: true)), ProjectFile);
        return (BuiltInRules.Compiled, "built-in rules");
    }
}
