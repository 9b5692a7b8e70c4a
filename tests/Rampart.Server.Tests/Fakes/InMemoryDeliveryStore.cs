using System.Collections.Concurrent;
using Rampart.Core.Service;

namespace Rampart.Server.Tests.Fakes;

/// <summary>The delivery store's contract in memory (the SQLite store lives on another branch).</summary>
public sealed class InMemoryDeliveryStore : IDeliveryStore
{
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _seen = new();

    public IReadOnlyCollection<(string Provider, string DeliveryId)> Recorded => [.. _seen.Keys];

    public Task<bool> TryRecordDeliveryAsync(string provider, string deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd((provider, deliveryId), receivedAt));

    public Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var old = _seen.Where(e => e.Value < olderThan).Select(e => e.Key).ToList();
        return Task.FromResult(old.Count(key => _seen.TryRemove(key, out _)));
    }
}
