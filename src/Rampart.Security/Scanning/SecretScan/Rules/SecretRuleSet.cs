using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Scanning.SecretScan.Rules;

/// <summary>
/// A compiled, immutable set of rules, safe to share between threads. Keywords of all rules go into
/// one index (<see cref="KeywordIndex"/>, searched by <see cref="KeywordFilter"/>); each keyword maps
/// back to the rules that need it.
/// </summary>
public sealed class SecretRuleSet
{
    private SecretRuleSet(SecretRuleConfig config)
    {
        Config = config;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in config.Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id))
                throw new SecretConfigException("a rule has no id");
            if (!ids.Add(rule.Id))
                throw new SecretConfigException($"rule {rule.Id}: defined twice");
        }

        Compiled = [.. config.Rules.Select((r, i) => new CompiledRule(r, i))];
        Global = [.. config.Allowlists.Select((a, i) => new CompiledAllowlist(a, $"allowlist {i + 1}"))];
        foreach (var allowlist in Global)
        {
            foreach (var target in allowlist.TargetRules.Where(t => !ids.Contains(t)))
                throw new SecretConfigException($"global allowlist targets unknown rule '{target}'");
        }

        var byKeyword = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var unkeyed = new List<int>();
        foreach (var rule in Compiled.Where(r => r.HasRegex))
        {
            var keywords = rule.Rule.Keywords.Where(k => k.Length > 0).Select(k => k.ToLowerInvariant()).Distinct().ToList();
            if (keywords.Count == 0)
                unkeyed.Add(rule.Index);
            foreach (var keyword in keywords)
            {
                if (!byKeyword.TryGetValue(keyword, out var list))
                    byKeyword[keyword] = list = [];
                list.Add(rule.Index);
            }
        }

        Unkeyed = [.. unkeyed];
        PathOnly = [.. Compiled.Where(r => !r.HasRegex)];
        Index = new KeywordIndex(byKeyword);
        KeywordCount = byKeyword.Count;
        _generic = new HashSet<string>(Compiled.Where(r => r.IsGeneric).Select(r => r.Rule.Id), StringComparer.Ordinal);
    }

    private readonly HashSet<string> _generic;

    /// <summary>True for rules tagged <c>generic</c>: their findings give way to a provider rule's on the same text.</summary>
    public bool IsGeneric(string ruleId) => _generic.Contains(ruleId);

    public SecretRuleConfig Config { get; }

    public IReadOnlyList<SecretRule> Rules => Config.Rules;

    public int KeywordCount { get; }

    internal CompiledRule[] Compiled { get; }
    internal CompiledAllowlist[] Global { get; }
    internal int[] Unkeyed { get; }
    internal CompiledRule[] PathOnly { get; }
    internal KeywordIndex Index { get; }

    /// <summary>Compiles the rules; throws <see cref="SecretConfigException"/> with one line naming the bad rule.</summary>
    public static SecretRuleSet Compile(SecretRuleConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SecretRuleSet(config);
    }
}
