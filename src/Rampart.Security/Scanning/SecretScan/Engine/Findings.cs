namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>Builds findings and removes generic ones that a provider rule already reported.</summary>
internal static class Findings
{
    public static SecretFinding Create(CompiledRule rule, ScanTarget target, int line, int column, int endColumn, string secret, double entropy) => new()
    {
        RuleId = rule.Rule.Id,
        Description = rule.Rule.Description.Length > 0 ? rule.Rule.Description : rule.Rule.Id,
        Severity = rule.Rule.Severity,
        Path = target.Path,
        Line = line,
        Column = column,
        EndColumn = Math.Max(endColumn, column),
        Redacted = Redaction.Redact(secret),
        Fingerprint = Redaction.Fingerprint(target.Path, secret),
        Entropy = Math.Round(entropy, 2),
        Commit = target.Commit,
        Author = target.Author,
        Email = target.Email,
        Date = target.Date,
        Decoded = target.Decoded,
    };

    public static SecretFinding ForPath(CompiledRule rule, ScanTarget target) => new()
    {
        RuleId = rule.Rule.Id,
        Description = rule.Rule.Description.Length > 0 ? rule.Rule.Description : rule.Rule.Id,
        Severity = rule.Rule.Severity,
        Path = target.Path,
        Line = 1,
        Column = 1,
        EndColumn = 1,
        Redacted = "(whole file)",
        Fingerprint = Redaction.Fingerprint(target.Path, "file:" + rule.Rule.Id),
        Commit = target.Commit,
        Author = target.Author,
        Email = target.Email,
        Date = target.Date,
    };

    /// <summary>A generic match on the same line as, and overlapping, a provider rule's match is dropped; so is an exact duplicate.</summary>
    public static void DropGenericOverlaps(List<SecretFinding> sink, int first, Func<string, bool> isGeneric)
    {
        if (sink.Count - first < 2)
            return;
        for (var i = sink.Count - 1; i >= first; i--)
        {
            var a = sink[i];
            for (var j = first; j < sink.Count; j++)
            {
                if (j == i)
                    continue;
                var b = sink[j];
                if (a.Line != b.Line || a.Column > b.EndColumn || b.Column > a.EndColumn)
                    continue;
                var aGeneric = isGeneric(a.RuleId);
                var bGeneric = isGeneric(b.RuleId);
                var sameSecret = a.Fingerprint == b.Fingerprint;
                if ((aGeneric && !bGeneric) || (sameSecret && aGeneric == bGeneric && j < i))
                {
                    sink.RemoveAt(i);
                    break;
                }
            }
        }

    }
}
