using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.Config;

/// <summary>Shell and value patterns shared by the CI and Dockerfile checks.</summary>
internal static partial class ShellPatterns
{
    /// <summary>The line (0-based, within <paramref name="script"/>) of the first download piped into a shell, or -1.</summary>
    public static int CurlPipeShellLine(string script)
    {
        var match = CurlPipeShell().Match(script);
        if (!match.Success)
            match = ShellOfDownload().Match(script);
        return match.Success ? LineOf(script, match.Index) : -1;
    }

    /// <summary>True when the value looks like a literal credential (not a reference to a secret store or variable).</summary>
    public static bool LooksLikeLiteralSecret(string name, string value)
    {
        var v = value.Trim();
        if (v.Length == 0 || IsReference(v))
            return false;
        if (KnownTokenShape().IsMatch(v))
            return true;
        if (!SecretName().IsMatch(name))
            return false;
        if (v.Length < 6 || v.Contains(' ', StringComparison.Ordinal) || Placeholder().IsMatch(v))
            return false;
        return !v.Equals("true", StringComparison.OrdinalIgnoreCase) && !v.Equals("false", StringComparison.OrdinalIgnoreCase)
            && !v.All(char.IsDigit);
    }

    public static bool IsReference(string value) =>
        value.Contains("${{", StringComparison.Ordinal) || value.StartsWith('$') || value.Contains("${", StringComparison.Ordinal)
        || value.StartsWith("/run/secrets/", StringComparison.Ordinal);

    public static int LineOf(string text, int index)
    {
        var line = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
                line++;
        }

        return line;
    }

    [GeneratedRegex(@"\b(?:curl|wget|iwr|Invoke-WebRequest|Invoke-RestMethod|irm)\b(?:[^|;\n]|\\\n)*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:env\s+\S+\s+)*(?:/usr/bin/|/bin/)?(?:bash|sh|zsh|dash|ksh|python3?|perl|ruby|node|iex|Invoke-Expression)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CurlPipeShell();

    [GeneratedRegex(@"\b(?:ba|z)?sh\s+(?:-c\s+)?[""']?\$\(\s*(?:curl|wget)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ShellOfDownload();

    [GeneratedRegex(@"(?i)(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"^(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|AKIA[0-9A-Z]{16}|glpat-[A-Za-z0-9_-]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|sk_live_[A-Za-z0-9]{20,}|npm_[A-Za-z0-9]{36})$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex KnownTokenShape();

    [GeneratedRegex(@"(?i)^(?:<.*>|\*+|x+|changeme|example|dummy|placeholder|redacted|none|null|test|your[-_].*)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Placeholder();
}
