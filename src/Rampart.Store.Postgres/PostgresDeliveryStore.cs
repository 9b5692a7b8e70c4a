using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

internal sealed class PostgresDeliveryStore(PgConnector db) : IDeliveryStore
{
    public async Task<bool> TryRecordDeliveryAsync(string provider, string deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            """
            INSERT INTO deliveries (provider, delivery_id, received_at) VALUES (@provider, @id, @received)
            ON CONFLICT (provider, delivery_id) DO NOTHING;
            """,
            p =>
            {
                p.Value("provider", provider);
                p.Value("id", deliveryId);
                p.Time("received", receivedAt);
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "DELETE FROM deliveries WHERE received_at < @cutoff;",
            p => p.Time("cutoff", olderThan),
            cancellationToken);
}
