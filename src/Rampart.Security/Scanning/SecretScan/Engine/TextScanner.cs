using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan.Rules;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Scans text with a rule set. The keyword search runs over the whole text; a rule's regex runs only in
/// a window around a keyword hit (the line, or 64 KiB for multi-line rules), at most once per window.
/// One instance per thread: it keeps per-rule scratch state.
/// </summary>
internal sealed class TextScanner
{
    private const int Before = 512;
    private const int After = 4096;
    private const int MultilineAfter = 64 * 1024;
    private const int Slack = 1024;

    private readonly SecretRuleSet _set;
    private readonly int _decodeDepth;
    private readonly bool[] _active;
    private readonly bool[] _alwaysOn;
    private readonly int[] _lastStart;
    private readonly int[] _lastEnd;
    private readonly HashSet<(int Rule, int Start)> _seen = [];
    private TextScanner? _nested;

    public TextScanner(SecretRuleSet set, int decodeDepth)
    {
        _set = set;
        _decodeDepth = decodeDepth;
        _active = new bool[set.Compiled.Length];
        _lastStart = new int[set.Compiled.Length];
        _lastEnd = new int[set.Compiled.Length];
        // Rules no path or commit can switch off need no test per file.
        _alwaysOn = [.. set.Compiled.Select(rule => rule.HasRegex && !rule.HasPath
            && !rule.Allowlists.Any(a => a.CanAllowWholeFile)
            && !set.Global.Any(g => g.TargetRules.Count > 0 && g.AppliesTo(rule.Rule.Id) && g.CanAllowWholeFile))];
    }

    /// <summary>Findings for a path alone (rules with only a path pattern), and whether the path is allowed outright.</summary>
    public bool PrepareFile(ScanTarget target, List<SecretFinding> sink)
    {
        var path = target.Path;
        foreach (var global in _set.Global)
        {
            if (global.TargetRules.Count == 0 && global.AllowsWholeFile(path, target.Commit))
                return false;
        }

        foreach (var rule in _set.PathOnly)
        {
            // A timed-out path match reports the path: more, never less.
            if (RegexDialect.IsMatch(rule.PathRegex!, path, onTimeout: true) && !rule.Allowlists.Any(a => a.AllowsWholeFile(path, target.Commit)))
                sink.Add(Findings.ForPath(rule, target));
        }

        return true;
    }

    public void Scan(ReadOnlySpan<char> text, ScanTarget target, List<SecretFinding> sink) => Scan(text, default, target, sink);

    /// <summary>
    /// Scans <paramref name="text"/> (the hot loop: compiled fully optimized at once, not first in tier 0,
    /// as most scans call it few times per file); when <paramref name="ascii"/> holds the same text as ASCII bytes
    /// (same length), the keyword search reads those: half the bytes, four times the vector lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Scan(ReadOnlySpan<char> text, ReadOnlySpan<byte> ascii, ScanTarget target, List<SecretFinding> sink)
    {
        var first = sink.Count;
        if (!Activate(target))
            return;
        Array.Fill(_lastStart, int.MaxValue);
        Array.Fill(_lastEnd, -1);
        _seen.Clear();
        var lines = new LineCounter();
        var index = _set.Index;
        Span<int> starts = stackalloc int[256];
        var bytes = ascii.Length == text.Length && ascii.Length > 0;
        for (var from = 0; from <= text.Length - 3;)
        {
            var found = bytes ? KeywordFilter.Find(index, ascii, ref from, starts) : KeywordFilter.Find(index, text, ref from, starts);
            foreach (var start in starts[..found])
                Keywords(index, text, start, target, ref lines, sink);
        }

        // The loop sees starts with three characters; a two-character keyword may also end the text.
        if (index.HasBigrams && text.Length >= 2)
            Keywords(index, text, text.Length - 2, target, ref lines, sink);

        foreach (var r in _set.Unkeyed)
        {
            if (_active[r])
                RunWindow(_set.Compiled[r], text, 0, text.Length, target, ref lines, sink);
        }

        Findings.DropGenericOverlaps(sink, first, _set.IsGeneric);
        if (_decodeDepth > 0)
            (_nested ??= new TextScanner(_set, _decodeDepth - 1)).ScanDecoded(text, target, ref lines, sink);
    }

    /// <summary>Step 3 at a candidate start: the exact bigram and trigram maps, in that order (a two-character keyword first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Keywords(KeywordIndex index, ReadOnlySpan<char> text, int at, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        var fold = KeywordIndex.FoldTable;
        var c0 = text[at];
        var c1 = text[at + 1];
        var pair = ((c0 < 128 ? fold[c0] : 0x7Fu) << 7) | (c1 < 128 ? fold[c1] : 0x7Fu);
        if (index.HasBigrams && (index.BigramBits[pair >> 6] & (1UL << (int)(pair & 63))) != 0)
            Candidates(index.Bigram(pair), text, at, target, ref lines, sink);
        if (at + 2 >= text.Length)
            return;
        var c2 = text[at + 2];
        var triple = (pair << 7) | (c2 < 128 ? fold[c2] : 0x7Fu);
        if ((index.TrigramBits[triple >> 6] & (1UL << (int)(triple & 63))) != 0)
            Candidates(index.Trigram(triple), text, at, target, ref lines, sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Candidates((string Keyword, int[] Rules, int Known)[] candidates, ReadOnlySpan<char> text, int hit, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        foreach (var (keyword, rules, known) in candidates)
        {
            if (!StartsWithKeyword(text, hit, keyword, known))
                continue;
            foreach (var r in rules)
            {
                if (_active[r])
                    RunNear(_set.Compiled[r], text, hit, keyword.Length, target, ref lines, sink);
            }
        }
    }

    /// <summary>
    /// <c>text[at..].StartsWith(keyword, OrdinalIgnoreCase)</c> for a lower-case keyword, without the call
    /// for ASCII (nearly every comparison); any non-ASCII character goes to the library comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsWithKeyword(ReadOnlySpan<char> text, int at, string keyword, int known)
    {
        if (text.Length - at < keyword.Length)
            return false;
        // The first `known` characters were settled by the exact key lookup.
        for (var k = known; k < keyword.Length; k++)
        {
            var c = text[at + k];
            var w = keyword[k];
            if (c == w || (c is >= 'A' and <= 'Z' && c + 32 == w))
                continue;
            return (c >= 128 || w >= 128) && text[at..].StartsWith(keyword, StringComparison.OrdinalIgnoreCase);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Activate(ScanTarget target)
    {
        var any = false;
        foreach (var rule in _set.Compiled)
        {
            if (_alwaysOn[rule.Index])
            {
                _active[rule.Index] = true;
                any = true;
                continue;
            }

            var on = rule.HasRegex
                && (!rule.HasPath || RegexDialect.IsMatch(rule.PathRegex!, target.Path, onTimeout: true))
                && !rule.Allowlists.Any(a => a.AllowsWholeFile(target.Path, target.Commit))
                && !_set.Global.Any(g => g.TargetRules.Count > 0 && g.AppliesTo(rule.Rule.Id) && g.AllowsWholeFile(target.Path, target.Commit));
            _active[rule.Index] = on;
            any |= on;
        }

        return any;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunNear(CompiledRule rule, ReadOnlySpan<char> text, int hit, int keywordLength, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        if (rule.Rule.Assignment && !AssignmentFollows(text, hit + keywordLength))
            return;
        // Every match of an anchored rule begins at a keyword, and every keyword is a hit of its own: when
        // none can begin at this one, its window is neither searched nor marked searched (a later hit
        // inside it is still tried). Most hits of common words (authorization) end here.
        if (rule.Follow is { } follow && !follow.Allows(text, hit))
            return;
        if (rule.Precede is { } precede && !precede.Allows(text, hit))
            return;
        int start;
        if (rule.Anchored)
        {
            // One character of context so \b and (?:^|[^…]) see what precedes the keyword.
            start = Math.Max(0, hit - 1);
        }
        else
        {
            var from = Math.Max(0, hit - Before);
            var newline = text[from..hit].LastIndexOf('\n');
            start = newline < 0 ? from : from + newline + 1;
        }

        int end;
        if (rule.Rule.Multiline)
        {
            end = Math.Min(text.Length, hit + MultilineAfter);
        }
        else
        {
            // The line and the one after it: YAML lists put a name and its value on two lines.
            var limit = Math.Min(text.Length, hit + After);
            var next = text[hit..limit].IndexOf('\n');
            var second = next < 0 ? -1 : text[(hit + next + 1)..limit].IndexOf('\n');
            end = next < 0 ? limit : second < 0 ? limit : hit + next + 1 + second;
        }

        var r = rule.Index;
        if (_lastStart[r] <= start && _lastEnd[r] >= end)
            return;
        // On a very long line, a hit well inside the window already searched needs no new search:
        // this keeps keyword-dense input (minified code, repeated words) linear, not quadratic.
        if (hit >= _lastStart[r] && hit + Slack <= _lastEnd[r])
            return;
        _lastStart[r] = start;
        _lastEnd[r] = end;
        // A window where no value of the rule can stand (a hand-written test) needs no regex.
        if (rule.ValueRun is { } run && !run.Possible(text[start..end]))
            return;
        RunWindow(rule, text, start, end, target, ref lines, sink);
    }

    /// <summary>
    /// After a key: the rest of a name ([\w.-]), maybe a closing quote and blanks, then an assignment
    /// operator or a line break (YAML's name/value pair). A cheap test that skips most keyword hits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AssignmentFollows(ReadOnlySpan<char> text, int at)
    {
        var limit = Math.Min(text.Length, at + 40);
        var i = at;
        while (i < limit && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
            i++;
        if (i < limit && text[i] is '"' or '\'' or '`')
            i++;
        while (i < limit && text[i] is ' ' or '\t')
            i++;
        return i < limit ? text[i] is '=' or ':' or ',' or '?' or '\r' or '\n' : i == text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunWindow(CompiledRule rule, ReadOnlySpan<char> text, int start, int end, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        var window = text[start..end];
        try
        {
            RunMatches(rule, text, window, start, target, ref lines, sink);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only imported patterns the linear engine cannot run can time out; the window is skipped.
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunMatches(CompiledRule rule, ReadOnlySpan<char> text, ReadOnlySpan<char> window, int start, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        foreach (var candidate in rule.Regex.EnumerateMatches(window))
        {
            var at = start + candidate.Index;
            if (!_seen.Add((rule.Index, at)))
                continue;
            var matchText = window.Slice(candidate.Index, candidate.Length).ToString();
            var match = rule.Regex.Match(matchText);
            if (!match.Success)
                continue;
            var group = rule.SecretOf(match);
            Judge(rule, text, at + match.Index + group.Index, group.Value, matchText, target, ref lines, sink);
        }
    }

    private void Judge(CompiledRule rule, ReadOnlySpan<char> text, int at, string secret, string matchText, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        var spec = rule.Rule;
        if (!spec.KeepPlaceholders && Placeholders.IsPlaceholder(secret))
            return;
        var entropy = ShannonEntropy.Of(secret);
        if (spec.Entropy > 0 && entropy < spec.Entropy)
            return;
        if (spec.Validator is { } validator && !SecretValidators.Validate(validator, secret, matchText))
            return;
        var (lineStart, lineEnd) = LineCounter.LineAround(text, at);
        var line = text[lineStart..lineEnd];
        if (line.Contains("rampart:allow", StringComparison.OrdinalIgnoreCase) || line.Contains("gitleaks:allow", StringComparison.OrdinalIgnoreCase))
            return;
        string? lineText = null;
        foreach (var allow in rule.Allowlists)
        {
            if (allow.Allows(target.Path, target.Commit, secret, matchText, lineText ??= line.ToString()))
                return;
        }

        foreach (var allow in _set.Global)
        {
            if (allow.AppliesTo(spec.Id) && allow.Allows(target.Path, target.Commit, secret, matchText, lineText ??= line.ToString()))
                return;
        }

        var lineIndex = lines.LineOf(text, at);
        var firstLineEnd = Math.Min(at + secret.Length, lineEnd) - lineStart;
        sink.Add(Findings.Create(rule, target, target.LineNumber(lineIndex), at - lineStart + 1, firstLineEnd + 1, secret, entropy));
    }

    private void ScanDecoded(ReadOnlySpan<char> text, ScanTarget target, ref LineCounter lines, List<SecretFinding> sink)
    {
        foreach (var blob in EncodedBlobs.Find(text))
        {
            var lineNumber = target.LineNumber(lines.LineOf(text, blob.Start));
            var inner = target with
            {
                FirstLine = lineNumber,
                LineMap = null,
                Decoded = target.Decoded is null ? blob.Encoding : target.Decoded + "/" + blob.Encoding,
            };
            var before = sink.Count;
            Scan(blob.Text, inner, sink);
            // Decoded text has its own line breaks; report the line of the blob in the original.
            for (var i = before; i < sink.Count; i++)
                sink[i] = sink[i] with { Line = lineNumber, Column = blob.Start - LineCounter.LineAround(text, blob.Start).Start + 1, EndColumn = blob.Start - LineCounter.LineAround(text, blob.Start).Start + 1 + blob.Length };
        }
    }
}

