using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rampart.Core.Service;

namespace Rampart.Server.Triggers;

/// <summary>
/// Polling, the fallback for repositories no git host can notify: every <see cref="RepositoryRecord.PollSeconds"/>
/// it lists the remote's branch heads (<c>git ls-remote URL refs/heads/*</c>) and triggers a <c>poll</c> run for
/// each head that is new or moved since the last poll. The first poll of a repository only records the heads.
/// Heads are remembered in the state folder (<see cref="PollState"/>): after a restart, heads already seen are
/// not built again, while heads that moved during the downtime are.
/// </summary>
public sealed class RepositoryPoller : BackgroundService
{
    public const string StateFileName = "poll-heads.json";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(60);

    private readonly IRepositoryStore _repositories;
    private readonly ITriggerSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<RepositoryPoller> _logger;
    private readonly PollState _state;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    public RepositoryPoller(IRepositoryStore repositories, ITriggerSink sink, string stateDirectory, TimeProvider time, ILogger<RepositoryPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        _repositories = repositories;
        _sink = sink;
        _time = time;
        _logger = logger;
        _state = new PollState(Path.Combine(stateDirectory, StateFileName));
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Replicas sharing one state folder poll through one of them; the others wait for the lock.
        using var owner = await PollLock.AcquireAsync(Path.GetDirectoryName(_state.File)!, _time, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning("polling: {Message}", e.Message);
            }

            await Task.Delay(Tick, _time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task PollDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var repository in await _repositories.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (repository.PollSeconds <= 0 || _due.TryGetValue(repository.Name, out var due) && due > now)
                continue;
            _due[repository.Name] = now.AddSeconds(repository.PollSeconds);
            try
            {
                await PollAsync(repository, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("polling {Repository}: {Message}", repository.Name, e.Message);
            }
        }
    }

    /// <summary>Polls one repository now; returns the requests handed to the sink.</summary>
    internal async Task<IReadOnlyList<TriggerRequest>> PollAsync(RepositoryRecord repository, CancellationToken cancellationToken)
    {
        var current = await RemoteHeads.ListAsync(repository.CloneUrl, ListTimeout, cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_state.Get(repository.Name) is not { } seen)
            {
                _state.Set(repository.Name, current);
                return [];
            }

            var recorded = new Dictionary<string, string>(seen.Where(h => current.ContainsKey(h.Key)), StringComparer.Ordinal);
            var started = new List<TriggerRequest>();
            foreach (var (gitRef, commit) in current.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (seen.TryGetValue(gitRef, out var before) && before == commit)
                    continue;
                var request = new TriggerRequest(repository.Name, commit, gitRef, "poll", true, null, null);
                try
                {
                    var result = await _sink.TriggerAsync(request, cancellationToken).ConfigureAwait(false);
                    if (result.Refusal is { } refusal)
                        _logger.LogWarning("polling {Repository}: {Ref} {Commit} refused: {Refusal}", repository.Name, gitRef, commit, refusal);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not recorded: the next poll tries this head again.
                    _logger.LogWarning("polling {Repository}: {Ref} {Commit} could not be started: {Message}", repository.Name, gitRef, commit, e.Message);
                    continue;
                }

                recorded[gitRef] = commit;
                started.Add(request);
            }

            _state.Set(repository.Name, recorded);
            return started;
        }
        finally
        {
            _gate.Release();
        }
    }
}
