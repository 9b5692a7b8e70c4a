using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>An allowlist with its regexes compiled. Gitleaks semantics: OR by default, AND when asked.</summary>
internal sealed class CompiledAllowlist
{
    // Automata are built at first use: most allowlists belong to rules that never fire on an input.
    private readonly Lazy<Regex>[] _paths;
    private readonly Lazy<Regex>[] _regexes;
    private readonly string[] _stopWords;
    private readonly HashSet<string> _commits;
    private readonly AllowTarget _target;
    private readonly bool _matchAll;

    public CompiledAllowlist(SecretAllowlist source, string what)
    {
        _paths = [.. source.Paths.Select(p => RegexDialect.CompileMatcherLazily(p, what + " path"))];
        _regexes = [.. source.Regexes.Select(p => RegexDialect.CompileMatcherLazily(p, what + " regex"))];
        _stopWords = [.. source.StopWords.Where(s => s.Length > 0).Select(s => s.ToLowerInvariant())];
        _commits = new HashSet<string>(source.Commits, StringComparer.OrdinalIgnoreCase);
        _target = source.RegexTarget;
        _matchAll = source.MatchAll;
        TargetRules = new HashSet<string>(source.TargetRules, StringComparer.Ordinal);
    }

    public HashSet<string> TargetRules { get; }

    public bool AppliesTo(string ruleId) => TargetRules.Count == 0 || TargetRules.Contains(ruleId);

    /// <summary>False when <see cref="AllowsWholeFile"/> is false for every path and commit (no path or commit conditions).</summary>
    public bool CanAllowWholeFile => _paths.Length > 0 || _commits.Count > 0;

    /// <summary>True when the path alone decides that every match in the file is allowed.</summary>
    public bool AllowsWholeFile(string path, string? commit)
    {
        if (_matchAll)
        {
            return _paths.Length > 0 && _regexes.Length == 0 && _stopWords.Length == 0
                && PathMatches(path) && (_commits.Count == 0 || (commit is not null && _commits.Contains(commit)));
        }

        return PathMatches(path) || (commit is not null && _commits.Contains(commit));
    }

    public bool Allows(string path, string? commit, string secret, string match, string line)
    {
        var checks = 0;
        var hits = 0;
        if (_paths.Length > 0)
        {
            checks++;
            hits += PathMatches(path) ? 1 : 0;
        }

        if (_commits.Count > 0)
        {
            checks++;
            hits += commit is not null && _commits.Contains(commit) ? 1 : 0;
        }

        if (_regexes.Length > 0)
        {
            checks++;
            var target = _target switch { AllowTarget.Match => match, AllowTarget.Line => line, _ => secret };
            hits += _regexes.Any(r => RegexDialect.IsMatch(r.Value, target, onTimeout: false)) ? 1 : 0;
        }

        if (_stopWords.Length > 0)
        {
            checks++;
            var lower = secret.ToLowerInvariant();
            hits += _stopWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? 1 : 0;
        }

        return checks > 0 && (_matchAll ? hits == checks : hits > 0);
    }

    private bool PathMatches(string path) => _paths.Any(p => RegexDialect.IsMatch(p.Value, path, onTimeout: false));
}
