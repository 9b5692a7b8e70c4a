using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Compiles rule regexes with the linear-time engine (<see cref="RegexOptions.NonBacktracking"/>), after
/// translating the few RE2 (Go) constructs gitleaks rules use that .NET spells differently:
/// <c>(?P&lt;name&gt;</c>, POSIX classes such as <c>[[:alnum:]]</c>, and one-letter <c>\pL</c>.
/// </summary>
internal static class RegexDialect
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    // Linear-time matching already rules out catastrophic backtracking; the timeout is a second fence.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly (string Posix, string Net)[] PosixClasses =
    [
        ("[:alnum:]", "a-zA-Z0-9"), ("[:alpha:]", "a-zA-Z"), ("[:digit:]", "0-9"), ("[:upper:]", "A-Z"),
        ("[:lower:]", "a-z"), ("[:xdigit:]", "0-9A-Fa-f"), ("[:space:]", @"\s"), ("[:word:]", @"\w"),
        ("[:punct:]", @"!-/:-@\[-`{-~"), ("[:blank:]", @" \t"), ("[:print:]", @" -~"), ("[:graph:]", @"!-~"),
        ("[:cntrl:]", @"\x00-\x1F\x7F"), ("[:ascii:]", @"\x00-\x7F"),
    ];

    // A pattern is checked when its config is read and again when the rule set is compiled; once is enough.
    private const int MaxChecked = 4096;
    private static readonly ConcurrentDictionary<string, (string Translated, int Groups)> Checked = new(StringComparer.Ordinal);

    public static Regex Compile(string pattern, string what) => Linear(Validate(pattern, what).Translated);

    // Path and allowlist patterns of the built-in pack: short, fixed, reviewed (no nested quantifiers).
    private static readonly ConcurrentDictionary<string, bool> Trusted = new(StringComparer.Ordinal);

    /// <summary>Checks the pattern now (a config error is reported at load) and builds the automaton at first use.</summary>
    public static Lazy<Regex> CompileLazily(string pattern, string what)
    {
        var translated = Validate(pattern, what).Translated;
        return new Lazy<Regex>(() => Linear(translated), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Marks the built-in pack's path and allowlist patterns (never a rule's content pattern) as trusted:
    /// <see cref="CompileMatcherLazily"/> builds those with the interpreter, which is ready in a fraction
    /// of a millisecond where the linear engine's automaton costs several (a third of a small scan's
    /// start-up), still with the per-match timeout.
    /// </summary>
    public static void Trust(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
            Trusted[pattern] = true;
    }

    /// <summary>
    /// For path and allowlist patterns (matched against a path, a secret or a line): the linear engine,
    /// or for a trusted built-in pattern the interpreter with the per-match timeout. Callers treat a
    /// timeout as the answer that reports more, never less.
    /// </summary>
    public static Lazy<Regex> CompileMatcherLazily(string pattern, string what)
    {
        var translated = Validate(pattern, what).Translated;
        return Trusted.ContainsKey(pattern)
            ? new Lazy<Regex>(() => new Regex(translated, RegexOptions.CultureInvariant, FallbackTimeout), LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<Regex>(() => Linear(translated), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary><see cref="Regex.IsMatch(string)"/>, or <paramref name="onTimeout"/> when the match times out.</summary>
    public static bool IsMatch(Regex regex, string input, bool onTimeout)
    {
        ArgumentNullException.ThrowIfNull(regex);
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return onTimeout;
        }
    }

    /// <summary>
    /// Checks the syntax cheaply (a parse, no automaton) and returns the .NET pattern and its group
    /// count; building the linear-time automaton is left to <see cref="Linear"/> at first use.
    /// </summary>
    public static (string Translated, int Groups) Validate(string pattern, string what)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (Checked.TryGetValue(pattern, out var known))
            return known;
        var translated = Translate(pattern);
        try
        {
            var parsed = new Regex(translated, RegexOptions.CultureInvariant);
            var result = (translated, parsed.GetGroupNumbers().Length - 1);
            // Bounded: a long-running host may read many configs.
            if (Checked.Count < MaxChecked)
                Checked[pattern] = result;
            return result;
        }
        catch (ArgumentException e)
        {
            throw new SecretConfigException($"{what}: invalid regex: {e.Message}");
        }
    }

    /// <summary>
    /// The linear-time engine; for the rare imported pattern it cannot run (backreferences,
    /// lookarounds), the backtracking engine with a short per-match timeout, so no input can hang a scan.
    /// </summary>
    public static Regex Linear(string translated)
    {
        try
        {
            return new Regex(translated, Options, Timeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, RegexOptions.CultureInvariant, FallbackTimeout);
        }
    }

    public static string Translate(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
        foreach (var (posix, net) in PosixClasses)
            text = text.Replace(posix, net, StringComparison.Ordinal);
        if (!text.Contains(@"\p", StringComparison.Ordinal) && !text.Contains(@"\P", StringComparison.Ordinal) && !text.Contains(@"\_", StringComparison.Ordinal))
            return text;

        // \pL (RE2) is \p{L} in .NET; RE2 accepts \_ for a plain underscore, .NET does not.
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 2 < text.Length + 1 && i + 1 < text.Length && (text[i + 1] == 'p' || text[i + 1] == 'P')
                && i + 2 < text.Length && text[i + 2] != '{' && char.IsAsciiLetterUpper(text[i + 2]))
            {
                builder.Append('\\').Append(text[i + 1]).Append('{').Append(text[i + 2]).Append('}');
                i += 2;
                continue;
            }

            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '_')
            {
                builder.Append('_');
                i++;
                continue;
            }

            if (text[i] == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
                continue;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
