namespace Rampart.Security.Scanning.SecretScan.Rules;

/// <summary>A full configuration: rules plus global allowlists, before compilation.</summary>
public sealed record SecretRuleConfig(IReadOnlyList<SecretRule> Rules, IReadOnlyList<SecretAllowlist> Allowlists)
{
    public static SecretRuleConfig Empty { get; } = new([], []);
}
