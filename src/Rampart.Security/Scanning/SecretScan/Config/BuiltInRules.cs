using Rampart.Security.Scanning.SecretScan.Engine;
using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Config;

/// <summary>The rule pack that ships inside the assembly (<c>Rules/builtin.toml</c>), loaded once.</summary>
public static class BuiltInRules
{
    private const string ResourceName = "Rampart.SecretScan.builtin.toml";
    private static readonly Lazy<SecretRuleConfig> LazyConfig = new(Load);
    private static readonly Lazy<SecretRuleSet> LazySet = new(() => SecretRuleSet.Compile(LazyConfig.Value));

    public static SecretRuleConfig Config => LazyConfig.Value;

    public static SecretRuleSet Compiled => LazySet.Value;

    private static SecretRuleConfig Load()
    {
        using var stream = typeof(BuiltInRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new SecretConfigException($"built-in rule pack {ResourceName} is missing from the assembly");
        using var reader = new StreamReader(stream);
        var config = GitleaksToml.Parse(reader.ReadToEnd(), "built-in rules");
        var allowlists = config.Allowlists.Concat(config.Rules.SelectMany(r => r.Allowlists)).ToList();
        RegexDialect.Trust([
            .. allowlists.SelectMany(a => a.Paths.Concat(a.Regexes)),
            .. config.Rules.Where(r => r.Path is not null).Select(r => r.Path!),
        ]);
        return config;
    }
}
