namespace Rampart.Core.Service;

/// <summary>Webhook deliveries already accepted, so a replayed delivery is refused.</summary>
public interface IDeliveryStore
{
    /// <summary>True the first time a (provider, delivery id) pair is seen, false for every repeat.</summary>
    Task<bool> TryRecordDeliveryAsync(string provider, string deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Forgets deliveries older than the cutoff; returns how many.</summary>
    Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
