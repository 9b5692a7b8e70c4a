using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>A rule ready to run: regexes compiled, secret group resolved, allowlists compiled.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(SecretRule rule, int index)
    {
        Rule = rule;
        Index = index;
        var what = "rule " + rule.Id;
        if (rule.Regex is null && rule.Path is null)
            throw new SecretConfigException($"{what}: needs a regex or a path");
        if (rule.Validator is { } validator && !SecretValidators.IsKnown(validator))
            throw new SecretConfigException($"{what}: unknown validator '{validator}' (known: {string.Join(", ", SecretValidators.Names)})");
        if (rule.Regex is not null)
        {
            var (_, groups) = RegexDialect.Validate(rule.Regex, what);
            if (rule.SecretGroup > groups)
                throw new SecretConfigException($"{what}: secretGroup {rule.SecretGroup} but the regex has {groups} group(s)");
            // Built when a keyword first asks for it: most rules never fire on most inputs.
            _regex = RegexDialect.CompileLazily(rule.Regex, what);
        }

        _path = rule.Path is null ? null : RegexDialect.CompileMatcherLazily(rule.Path, what + " path");

        Allowlists = [.. rule.Allowlists.Select(a => new CompiledAllowlist(a, what + " allowlist"))];
        Anchored = rule.Regex is not null && !rule.Multiline && (rule.Assignment || StartsWithKeyword(rule.Regex, rule.Keywords));
        IsGeneric = rule.Tags.Contains("generic");
        Follow = Anchored && !rule.Assignment ? KeywordFollow.For(RegexDialect.Validate(rule.Regex!, what).Translated) : null;
        Precede = rule.Regex is not null && !Anchored && !rule.Multiline ? KeywordPrecede.For(RegexDialect.Validate(rule.Regex, what).Translated, rule.Keywords) : null;
        ValueRun = rule.Assignment && rule.Regex is not null && Config.AssignmentPattern.ValueOf(rule.Regex) is { } value ? ValueRun.For(value, rule.Entropy) : null;
    }

    public SecretRule Rule { get; }
    public int Index { get; }
    private readonly Lazy<Regex>? _regex;

    public bool HasRegex => _regex is not null;

    public Regex Regex => _regex?.Value ?? throw new InvalidOperationException($"rule {Rule.Id} has no regex");
    private readonly Lazy<Regex>? _path;

    public bool HasPath => _path is not null;

    /// <summary>The path pattern (built at first use), or null for a rule without one.</summary>
    public Regex? PathRegex => _path?.Value;
    public CompiledAllowlist[] Allowlists { get; }
    public bool IsGeneric { get; }

    /// <summary>For an assignment rule with a one-class value: a window without a long enough run of the class holds no match.</summary>
    public ValueRun? ValueRun { get; }

    /// <summary>For an anchored rule whose pattern allows it: the characters that can follow its leading literal.</summary>
    public KeywordFollow? Follow { get; }

    /// <summary>For a rule whose match has a fixed-class run before its keyword: that run's test.</summary>
    public KeywordPrecede? Precede { get; }

    /// <summary>Every match begins at a keyword, so the regex need only look from the keyword on.</summary>
    public bool Anchored { get; }

    /// <summary>True when the pattern's leading literal (after \b and opening groups) is, or starts with, every keyword.</summary>
    internal static bool StartsWithKeyword(string regex, IReadOnlyList<string> keywords)
    {
        var i = 0;
        var literal = new System.Text.StringBuilder();
        while (i < regex.Length)
        {
            if (regex.AsSpan(i).StartsWith(@"\b", StringComparison.Ordinal))
                i += 2;
            else if (regex.AsSpan(i).StartsWith("(?i)", StringComparison.Ordinal))
                i += 4;
            else if (regex.AsSpan(i).StartsWith("(?:", StringComparison.Ordinal))
                i += 3;
            else if (regex[i] == '(' && (i + 1 >= regex.Length || regex[i + 1] != '?'))
                i += 1;
            else
                break;
        }

        for (; i < regex.Length; i++)
        {
            var c = regex[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '~' or '!' or '<' or '>' or '"' or ':' or '/' or '@' or '%' or '=')
                literal.Append(char.ToLowerInvariant(c));
            else if (c == '\\' && i + 1 < regex.Length && regex[i + 1] is '.' or '$' or '-' or '/' or '+')
                literal.Append(regex[++i]);
            else
                break;
        }

        // A quantifier right after the literal applies to its last character: drop that one.
        if (literal.Length > 0 && i < regex.Length && regex[i] is '?' or '*' or '{')
            literal.Length--;
        var text = literal.ToString();
        return text.Length > 0 && keywords.Count > 0 && keywords.All(k => text.StartsWith(k.ToLowerInvariant(), StringComparison.Ordinal));
    }

    /// <summary>The secret of a match: the configured group, else the first group that matched, else all of it.</summary>
    public Group SecretOf(Match match)
    {
        if (Rule.SecretGroup > 0)
            return match.Groups[Rule.SecretGroup];
        for (var i = 1; i < match.Groups.Count; i++)
        {
            if (match.Groups[i].Success && match.Groups[i].Length > 0)
                return match.Groups[i];
        }

        return match;
    }
}
