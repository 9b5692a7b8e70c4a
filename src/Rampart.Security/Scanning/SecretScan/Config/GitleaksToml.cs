using Rampart.Core.Findings;
using Rampart.Security.Scanning.SecretScan.Engine;
using Rampart.Security.Scanning.SecretScan.Rules;
using Tomlyn;
using Tomlyn.Model;

namespace Rampart.Security.Scanning.SecretScan.Config;

/// <summary>
/// Reads gitleaks' TOML rule format (rules, keywords, entropy, secretGroup, path, old and new
/// allowlists, <c>[extend]</c> with useDefault/path/disabledRules) plus Rampart's additions:
/// <c>severity</c>, <c>validator</c>, <c>multiline</c>, <c>keepPlaceholders</c>, and <c>keys</c>+<c>value</c>
/// for "name = value" assignments. <c>useDefault</c> extends Rampart's built-in pack.
/// </summary>
public static class GitleaksToml
{
    private const int MaxExtendDepth = 3;

    /// <summary>Loads a file; extend paths resolve against its folder, then against <paramref name="baseDirectory"/>.</summary>
    /// <remarks>
    /// With <paramref name="builtInWhenNoExtend"/>, a file without an <c>[extend]</c> table adds to the
    /// built-in pack (Rampart's project config); without it, the file stands alone (gitleaks' rule).
    /// </remarks>
    public static SecretRuleConfig LoadFile(string path, string? baseDirectory = null, bool builtInWhenNoExtend = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new SecretConfigException($"{path}: no such config file");
        return Load(File.ReadAllText(path), path, baseDirectory ?? Directory.GetCurrentDirectory(), builtInWhenNoExtend ? -1 : 0);
    }

    public static SecretRuleConfig Parse(string text, string source = "config", bool builtInWhenNoExtend = false) =>
        Load(text, source, Directory.GetCurrentDirectory(), builtInWhenNoExtend ? -1 : 0);

    // depth -1: the top file of a Rampart config, which extends the built-in pack unless it says otherwise.
    private static SecretRuleConfig Load(string text, string source, string baseDirectory, int depth)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text) ?? [];
        }
        catch (TomlException e)
        {
            throw new SecretConfigException($"{source}: not valid TOML: {FirstLine(e.Message)}");
        }

        var values = new TomlValues(source);
        var baseConfig = Extend(root, values, source, baseDirectory, depth, out var disabled);
        var rules = baseConfig.Rules.Where(r => !disabled.Contains(r.Id)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var order = rules.Keys.ToList();
        var extending = root.ContainsKey("extend");
        foreach (var table in values.Tables(root, "rules", "rules"))
        {
            var id = values.String(table, "id", "rule") ?? throw values.Error("rule", "every rule needs an id");
            // An extending file may add allowlists or keywords to base rules; one naming a rule the
            // base does not have (gitleaks' own default set, say) has nothing to apply to and is skipped.
            if (extending && !rules.ContainsKey(id) && !table.ContainsKey("regex") && !table.ContainsKey("path") && !table.ContainsKey("value"))
                continue;
            var rule = ReadRule(table, values, id, rules.GetValueOrDefault(id));
            if (!rules.ContainsKey(id))
                order.Add(id);
            rules[id] = rule;
        }

        var allowlists = baseConfig.Allowlists.Concat(ReadAllowlists(root, values, "allowlist", "allowlists", "global allowlist", global: true)).ToList();
        return new SecretRuleConfig([.. order.Select(id => rules[id])], allowlists);
    }

    private static SecretRuleConfig Extend(TomlTable root, TomlValues values, string source, string baseDirectory, int depth, out HashSet<string> disabled)
    {
        disabled = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetValue("extend", out var extendValue))
            return depth < 0 ? BuiltInRules.Config : SecretRuleConfig.Empty;
        depth = Math.Max(depth, 0);
        if (extendValue is not TomlTable extend)
            throw values.Error("extend", "extend", "a table");
        foreach (var id in values.Strings(extend, "disabledRules", "extend") ?? [])
            disabled.Add(id);
        if (depth >= MaxExtendDepth)
            throw values.Error("extend", $"extends more than {MaxExtendDepth} levels deep");
        if (values.Bool(extend, "useDefault", "extend") == true)
            return BuiltInRules.Config;
        if (values.String(extend, "path", "extend") is not { } path)
            return SecretRuleConfig.Empty;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source)) ?? baseDirectory;
        var resolved = new[] { Path.Combine(folder, path), Path.Combine(baseDirectory, path) }.FirstOrDefault(File.Exists)
            ?? throw values.Error("extend", $"base config '{path}' not found");
        return Load(File.ReadAllText(resolved), resolved, baseDirectory, depth + 1);
    }

    private static SecretRule ReadRule(TomlTable table, TomlValues values, string id, SecretRule? existing)
    {
        var where = "rule " + id;
        var keys = values.Strings(table, "keys", where);
        var value = values.String(table, "value", where);
        var regex = values.String(table, "regex", where);
        if (keys is not null || value is not null)
        {
            if (keys is null || value is null || regex is not null)
                throw values.Error(where, "'keys' and 'value' go together, instead of 'regex'");
            regex = AssignmentPattern.Build(keys, value);
        }

        var assignment = keys is not null || (existing?.Assignment == true && regex is null);

        var severity = values.String(table, "severity", where) is { } name
            ? Enum.TryParse<Severity>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw values.Error(where, $"unknown severity '{name}' (info, low, medium, high, critical)")
            : (Severity?)null;
        var keywords = values.Strings(table, "keywords", where) ?? keys?.Select(k => k.ToLowerInvariant()).ToList();
        var allowlists = ReadAllowlists(table, values, "allowlist", "allowlists", where + " allowlist", global: false);
        var rule = (existing ?? new SecretRule { Id = id }) with { };
        rule = rule with
        {
            Description = values.String(table, "description", where) ?? rule.Description,
            Regex = regex ?? rule.Regex,
            SecretGroup = values.Int(table, "secretGroup", where) ?? rule.SecretGroup,
            Entropy = values.Number(table, "entropy", where) ?? rule.Entropy,
            Path = values.String(table, "path", where) ?? rule.Path,
            Keywords = existing is null ? keywords ?? [] : [.. rule.Keywords.Union(keywords ?? [])],
            Tags = [.. rule.Tags.Union(values.Strings(table, "tags", where) ?? [])],
            Severity = severity ?? rule.Severity,
            Validator = values.String(table, "validator", where) ?? rule.Validator,
            Multiline = values.Bool(table, "multiline", where) ?? rule.Multiline,
            KeepPlaceholders = values.Bool(table, "keepPlaceholders", where) ?? rule.KeepPlaceholders,
            Assignment = assignment,
            Allowlists = [.. rule.Allowlists, .. allowlists],
        };
        if (rule.Regex is null && rule.Path is null)
            throw values.Error(where, "needs a regex or a path");
        if (rule.Regex is not null)
        {
            var (_, groups) = RegexDialect.Validate(rule.Regex, $"{values.Source}: {where}");
            if (rule.SecretGroup > groups)
                throw values.Error(where, $"secretGroup {rule.SecretGroup} but the regex has {groups} group(s)");
        }

        // An imported pattern that spans lines needs the multi-line window; keys + value patterns
        // reach the next line only, which the normal two-line window covers.
        if (!rule.Multiline && !rule.Assignment && rule.Regex is { } text && (text.Contains(@"\n", StringComparison.Ordinal) || text.Contains(@"[\s\S]", StringComparison.Ordinal) || text.Contains("(?s)", StringComparison.Ordinal)))
            rule = rule with { Multiline = true };
        return rule;
    }

    private static List<SecretAllowlist> ReadAllowlists(TomlTable table, TomlValues values, string oldKey, string newKey, string where, bool global)
    {
        if (table.ContainsKey(oldKey) && table.ContainsKey(newKey))
            throw values.Error(where, $"use either [{oldKey}] or [[{newKey}]], not both");
        var tables = values.Tables(table, table.ContainsKey(oldKey) ? oldKey : newKey, where);
        var result = new List<SecretAllowlist>();
        foreach (var entry in tables)
        {
            var target = values.String(entry, "regexTarget", where) switch
            {
                null or "secret" => AllowTarget.Secret,
                "match" => AllowTarget.Match,
                "line" => AllowTarget.Line,
                var other => throw values.Error(where, $"regexTarget '{other}' is not secret, match or line"),
            };
            var condition = values.String(entry, "condition", where)?.ToUpperInvariant() switch
            {
                null or "OR" => false,
                "AND" => true,
                var other => throw values.Error(where, $"condition '{other}' is not AND or OR"),
            };
            var allowlist = new SecretAllowlist
            {
                Description = values.String(entry, "description", where) ?? "",
                MatchAll = condition,
                Paths = values.Strings(entry, "paths", where) ?? [],
                Regexes = values.Strings(entry, "regexes", where) ?? [],
                RegexTarget = target,
                StopWords = values.Strings(entry, "stopwords", where) ?? [],
                Commits = values.Strings(entry, "commits", where) ?? [],
                TargetRules = global ? values.Strings(entry, "targetRules", where) ?? [] : [],
            };
            if (allowlist.IsEmpty)
                throw values.Error(where, "an allowlist needs at least one of commits, paths, regexes or stopwords");
            result.Add(allowlist);
        }

        return result;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
