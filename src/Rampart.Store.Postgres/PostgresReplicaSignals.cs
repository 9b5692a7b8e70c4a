using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

/// <summary>
/// Replica wake-ups through PostgreSQL <c>LISTEN</c>/<c>NOTIFY</c> on one channel. A payload is
/// "ORIGIN q" (jobs were queued: every waiting runner looks), "ORIGIN q LABELS" (a job with these
/// labels, a JSON array, was queued: one runner it fits looks) or "ORIGIN f JOB" (a job finished);
/// a listener skips its own origin.
/// One connection per replica stays open for listening; it is pinged when quiet, so a connection cut
/// without a word is noticed and opened again.
/// </summary>
public sealed class PostgresReplicaSignals(NpgsqlDataSource dataSource) : IReplicaSignals
{
    public const string Channel = "rampart_queue";

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly string _origin = Guid.NewGuid().ToString("N")[..12];

    public async Task PublishAsync(ReplicaSignal signal, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload);");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", signal switch
        {
            { Kind: ReplicaSignalKind.JobFinished } => string.Create(CultureInfo.InvariantCulture, $"{_origin} f {signal.JobId}"),
            { Labels: { } labels } => $"{_origin} q {JsonSerializer.Serialize(labels)}",
            _ => _origin + " q",
        });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ListenAsync(Action<ReplicaSignal> onSignal, Action<bool> onConnected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        ArgumentNullException.ThrowIfNull(onConnected);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(onSignal, onConnected, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or IOException or TimeoutException or OperationCanceledException)
            {
                onConnected(false);
                await Task.Delay(RetryAfter, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ListenOnceAsync(Action<ReplicaSignal> onSignal, Action<bool> onConnected, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, e) =>
            {
                if (Parse(e.Payload) is { } signal)
                    onSignal(signal);
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            onConnected(true);
            while (true)
            {
                if (!await connection.WaitAsync(Quiet, cancellationToken).ConfigureAwait(false))
                {
                    await using var ping = new NpgsqlCommand("SELECT 1;", connection);
                    await ping.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string[]? Labels(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private ReplicaSignal? Parse(string payload)
    {
        var parts = payload.Split(' ', 3);
        if (parts.Length < 2 || parts[0] == _origin)
            return null;
        return parts[1] switch
        {
            "q" when parts.Length == 2 => new ReplicaSignal(ReplicaSignalKind.QueueChanged),
            "q" when Labels(parts[2]) is { } labels => new ReplicaSignal(ReplicaSignalKind.QueueChanged, Labels: labels),
            // Labels it cannot read: waking every runner is never wrong, only dearer.
            "q" => new ReplicaSignal(ReplicaSignalKind.QueueChanged),
            "f" when parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var job) =>
                new ReplicaSignal(ReplicaSignalKind.JobFinished, job),
            _ => null,
        };
    }
}
