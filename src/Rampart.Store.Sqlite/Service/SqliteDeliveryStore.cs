using Rampart.Core.Service;

namespace Rampart.Store.Sqlite.Service;

internal sealed class SqliteDeliveryStore(SqliteConnector db) : IDeliveryStore
{
    public async Task<bool> TryRecordDeliveryAsync(string provider, string deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(
            """
            INSERT INTO deliveries (provider, delivery_id, received_at) VALUES ($provider, $id, $received)
            ON CONFLICT (provider, delivery_id) DO NOTHING;
            """,
            p =>
            {
                p.AddWithValue("$provider", provider);
                p.AddWithValue("$id", deliveryId);
                p.AddWithValue("$received", Columns.Timestamp(receivedAt));
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public Task<int> PruneDeliveriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        db.ExecuteAsync(
            "DELETE FROM deliveries WHERE received_at < $cutoff;",
            p => p.AddWithValue("$cutoff", Columns.Timestamp(olderThan)),
            cancellationToken);
}
