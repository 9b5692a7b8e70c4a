using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Core.Runs;

namespace Rampart.Server.WebUi;

/// <summary>Status words, colours and durations as every page shows them (colour is never the only signal: the word is always there).</summary>
internal static class StatusBadge
{
    public static string Word(Outcome outcome) => outcome switch
    {
        Outcome.TimedOut => "timed out",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    public static string Colour(Outcome outcome) => outcome switch
    {
        Outcome.Succeeded => "#2e7d32",
        Outcome.Failed => "#c62828",
        Outcome.Running => "#1565c0",
        Outcome.TimedOut => "#ef6c00",
        Outcome.Cancelled => "#6d4c41",
        Outcome.Skipped => "#9e9e9e",
        _ => "#757575",
    };

    public static Markup Of(Outcome outcome) =>
        new($"<span class=\"status s-{outcome.ToString().ToLowerInvariant()}\">{Html.Encode(Word(outcome))}</span>");

    public static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Critical => "#7b1fa2",
        Severity.High => "#c62828",
        Severity.Medium => "#ef6c00",
        Severity.Low => "#f9a825",
        _ => "#607d8b",
    };

    public static Markup Of(Severity severity) =>
        new($"<span class=\"sev sev-{severity.ToString().ToLowerInvariant()}\">{severity.ToString().ToLowerInvariant()}</span>");

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        if (start is null)
            return "";
        var span = (end ?? now) - start.Value;
        if (span < TimeSpan.Zero)
            span = TimeSpan.Zero;
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes}m")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds}s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#}s");
    }

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";

    public static string ShortCommit(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
