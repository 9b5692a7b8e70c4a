using System.Collections.Concurrent;
using Rampart.Server.Triggers;

namespace Rampart.Server.Tests.Fakes;

/// <summary>Starts nothing; remembers each request and answers with the next run id (or a refusal when told to).</summary>
public sealed class RecordingTriggerSink : ITriggerSink
{
    private readonly ConcurrentQueue<TriggerRequest> _requests = new();
    private long _nextRun;

    public IReadOnlyList<TriggerRequest> Requests => [.. _requests];

    public string? RefuseWith { get; set; }

    public Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return Task.FromResult(RefuseWith is { } reason ? TriggerResult.Refused(reason) : TriggerResult.Started(Interlocked.Increment(ref _nextRun)));
    }
}
