namespace Rampart.Core.Service;

/// <summary>Step logs streamed by runners, already masked, kept in order for live and later reading.</summary>
public interface ILogStore
{
    /// <summary>Appends a chunk; the store assigns the next sequence number of the step and returns it.</summary>
    Task<long> AppendLogAsync(long runId, string job, int step, string text, CancellationToken cancellationToken);

    /// <summary>Chunks of the step after <paramref name="afterSequence"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LogChunk>> ReadLogAsync(long runId, string job, int step, long afterSequence, int limit, CancellationToken cancellationToken);
}
