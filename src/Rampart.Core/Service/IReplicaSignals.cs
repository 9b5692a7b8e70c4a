namespace Rampart.Core.Service;

/// <summary>
/// Wake-ups between server replicas that share one database, so a job queued through one replica
/// reaches runners waiting on another at once rather than at their next poll. Best effort: a
/// signal lost in a reconnect is made good by the waiters' own polls.
/// </summary>
public interface IReplicaSignals
{
    /// <summary>Tells every other replica listening on the database.</summary>
    Task PublishAsync(ReplicaSignal signal, CancellationToken cancellationToken);

    /// <summary>
    /// Hears the other replicas until cancelled, reconnecting after a failure. <paramref name="onConnected"/>
    /// gets true each time the listener is (re)connected and false when it loses the connection; after a
    /// reconnect, waiters should look again, as signals may have been missed meanwhile.
    /// </summary>
    Task ListenAsync(Action<ReplicaSignal> onSignal, Action<bool> onConnected, CancellationToken cancellationToken);
}
