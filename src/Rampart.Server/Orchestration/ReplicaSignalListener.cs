using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rampart.Core.Service;

namespace Rampart.Server.Orchestration;

/// <summary>Hears the other replicas' wake-ups (PostgreSQL LISTEN) and passes them to this replica's waiters.</summary>
internal sealed class ReplicaSignalListener(ServiceDatabase database, JobSignals signals, ILogger<ReplicaSignalListener> logger) : BackgroundService
{
    private bool _wasConnected;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        database.Replicas is { } replicas
            ? replicas.ListenAsync(signals.Receive, Connected, stoppingToken)
            : Task.CompletedTask;

    private void Connected(bool connected)
    {
        signals.Heard(connected);
        if (connected == _wasConnected)
            return;
        _wasConnected = connected;
        if (connected)
            logger.LogInformation("listening for the other replicas' wake-ups");
        else
            logger.LogWarning("lost the wake-up channel to the other replicas; polling until it is back");
    }
}
