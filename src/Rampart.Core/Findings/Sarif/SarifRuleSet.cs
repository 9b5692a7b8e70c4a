namespace Rampart.Core.Findings.Sarif;

/// <summary>
/// The rules of a run, ordered by id: the given ones plus a minimal rule for every rule id a finding
/// uses without a matching <see cref="SarifRule"/> (its default severity is the worst seen for that id).
/// </summary>
internal sealed class SarifRuleSet
{
    private readonly Dictionary<string, int> _indexById;

    private SarifRuleSet(List<SarifRule> rules)
    {
        Rules = rules;
        _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            _indexById[rules[i].Id] = i;
        }
    }

    public IReadOnlyList<SarifRule> Rules { get; }

    public int IndexOf(string ruleId) => _indexById[ruleId];

    public static SarifRuleSet Build(IReadOnlyList<SarifRule> rules, IReadOnlyList<Finding> findings)
    {
        var byId = new Dictionary<string, SarifRule>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(rule.Id, nameof(rules));
            if (rule.HelpUri is not null)
            {
                SarifWriter.RequireAbsoluteUri(rule.HelpUri, nameof(rules));
            }

            if (!byId.TryAdd(rule.Id, rule))
            {
                throw new ArgumentException($"Rule id '{rule.Id}' appears more than once.", nameof(rules));
            }
        }

        var synthesized = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(finding.RuleId, nameof(findings));
            if (byId.ContainsKey(finding.RuleId))
            {
                continue;
            }

            synthesized[finding.RuleId] = synthesized.TryGetValue(finding.RuleId, out var worst) && worst > finding.Severity
                ? worst
                : finding.Severity;
        }

        foreach (var (id, severity) in synthesized)
        {
            byId.Add(id, new SarifRule(id, id, null, severity));
        }

        return new SarifRuleSet([.. byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal)]);
    }
}
