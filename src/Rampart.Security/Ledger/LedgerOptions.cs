namespace Rampart.Security.Ledger;

/// <summary>How often the ledger signs a checkpoint and how large a write batch may grow.</summary>
public sealed record LedgerOptions
{
    /// <summary>Sign a checkpoint once this many entries are not yet covered by one.</summary>
    public int CheckpointEveryEntries { get; init; } = 1024;

    /// <summary>Sign a checkpoint when the last one is older than this and new entries exist.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most entries written in one transaction (one fsync).</summary>
    public int MaxBatch { get; init; } = 4096;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointEveryEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Clock);
    }
}
