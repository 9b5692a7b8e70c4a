namespace Rampart.Core.Service;

/// <summary>Runner registration: one-time tokens and the runners registered with them.</summary>
public interface IRunnerStore
{
    Task AddRegistrationTokenAsync(RegistrationTokenRecord token, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used when it exists, is unused and has not expired; true only for the one
    /// caller that did so (atomic: two registrations racing with one token, one wins).
    /// </summary>
    Task<bool> ConsumeRegistrationTokenAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken);

    Task<RunnerRecord> AddRunnerAsync(RunnerRecord runner, CancellationToken cancellationToken);

    /// <summary>The runner with that credential hash, unless removed.</summary>
    Task<RunnerRecord?> FindRunnerAsync(string credentialHash, CancellationToken cancellationToken);

    Task<RunnerRecord?> GetRunnerAsync(long id, CancellationToken cancellationToken);

    /// <summary>Runners not removed, by name.</summary>
    Task<IReadOnlyList<RunnerRecord>> ListRunnersAsync(CancellationToken cancellationToken);

    Task TouchRunnerAsync(long id, DateTimeOffset seenAt, CancellationToken cancellationToken);

    /// <summary>False when no runner has that id.</summary>
    Task<bool> RemoveRunnerAsync(long id, CancellationToken cancellationToken);
}
