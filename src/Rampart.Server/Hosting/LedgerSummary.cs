namespace Rampart.Server.Hosting;

/// <summary>
/// What the web UI shows of the ledger: the outcome of a full verification (<c>Verified</c>, and the
/// first <c>Problem</c> with its index when not), and the latest signed checkpoint as a signed note
/// (null when none was written yet) with the key it verifies under.
/// </summary>
public sealed record LedgerSummary(bool Verified, long Entries, int Checkpoints, string? Problem, IReadOnlyList<string> Warnings,
    long? CheckpointSize, DateTimeOffset? CheckpointAt, string? CheckpointNote, string? Key);
