using Rampart.Security.Scanning.SecretScan.Sources;

namespace Rampart.Security.Scanning.SecretScan;

/// <summary>
/// Which commits a history scan reads: those reachable from <see cref="Tip"/> (every ref when null)
/// but not from any of <see cref="Since"/>, nor from a remote-tracking branch when <see cref="ExcludeRemotes"/>.
/// </summary>
public sealed record HistoryRange
{
    public string? Tip { get; init; }
    public IReadOnlyList<string> Since { get; init; } = [];
    public bool ExcludeRemotes { get; init; }

    /// <summary>Every commit on every ref.</summary>
    public static HistoryRange All { get; } = new();

    /// <summary>Every commit on every ref that <paramref name="since"/> does not already contain (all of them when null).</summary>
    public static HistoryRange After(string? since) => since is null ? All : new HistoryRange { Since = [since] };

    /// <summary>At most this many commits, newest first (0: no limit).</summary>
    public int MaxCommits { get; init; }

    internal void Validate()
    {
        foreach (var revision in Since.Append(Tip))
        {
            // Revisions go to git as arguments: refuse anything that could read as an option.
            if (revision is not null && (revision.Length == 0 || revision.StartsWith('-') || revision.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
                throw new HistoryException($"'{revision}' is not a revision");
        }
    }
}
