using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Config;

/// <summary>
/// The regex for "a name holding one of the keys, an assignment operator, then the value" as it is
/// written in code, config, env files, YAML and JSON: <c>HEROKU_API_KEY="…"</c>, <c>heroku.key: …</c>,
/// and Kubernetes-style <c>- name: HEROKU_API_KEY</c> followed by <c>value: …</c> on the next line.
/// The key match ignores case; the value pattern keeps its own case.
/// </summary>
internal static class AssignmentPattern
{
    public static string Build(IEnumerable<string> keys, string value)
    {
        var names = string.Join('|', keys.Select(Regex.Escape));
        return @"(?i)(?:" + names + ValueStart + value + ValueEnd;
    }

    /// <summary>The value pattern of a regex <see cref="Build"/> made, or null for any other regex.</summary>
    public static string? ValueOf(string regex)
    {
        var start = regex.IndexOf(ValueStart, StringComparison.Ordinal);
        if (!regex.StartsWith("(?i)(?:", StringComparison.Ordinal) || start < 0 || !regex.EndsWith(ValueEnd, StringComparison.Ordinal))
            return null;
        var from = start + ValueStart.Length;
        var to = regex.Length - ValueEnd.Length;
        return to > from ? regex[from..to] : null;
    }

    private const string ValueStart = @")[\w.\-]{0,30}[""'\x60]?(?:\s{0,3}(?:=|:=|:|=>|\?=|,)|[ \t]*\r?\n[ \t]*value:)\s{0,3}[""'\x60]?(?-i:(";
    private const string ValueEnd = @"))(?:[""'\x60\s;,&)\]}]|\\[nrt]|$)";
}
