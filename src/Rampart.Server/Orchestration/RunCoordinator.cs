using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Server.Hosting;
using Rampart.Server.Triggers;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Turns a trigger into a recorded run: checked against the registered repository, stored with its
/// trigger (so any replica can carry it on), then started on this replica.
/// </summary>
public sealed class RunCoordinator(ServiceDatabase database, ServerWiring wiring, RunOrchestrator orchestrator) : ITriggerSink
{
    public async Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsCommitId(request.Commit))
            return TriggerResult.Refused($"'{request.Commit}' is not a full commit id (40 or 64 hex digits)");
        if (!request.Ref.StartsWith("refs/", StringComparison.Ordinal) || request.Ref.Contains("..", StringComparison.Ordinal) || request.Ref.Any(char.IsControl))
            return TriggerResult.Refused($"'{request.Ref}' is not a git ref (refs/heads/…, refs/tags/…, refs/pull/…)");
        var repository = await database.Repositories.FindRepositoryAsync(request.Repository, cancellationToken).ConfigureAwait(false);
        if (repository is null)
            return TriggerResult.Refused($"repository '{request.Repository}' is not registered");

        // The commit's fetch starts now, beside recording the run, when a preparation place is free.
        var since = wiring.Time.GetTimestamp();
        var early = orchestrator.TryBeginFetch(repository, request.Commit);
        try
        {
            var run = await database.Runs.CreateRunAsync(new RunRecord
            {
                Pipeline = "(not read yet)", Repository = repository.Name, Ref = request.Ref, Commit = request.Commit,
                Event = request.Event, Status = Outcome.Pending, StartedAt = wiring.Time.GetUtcNow(),
            }, CancellationToken.None).ConfigureAwait(false);
            var trigger = new RunTrigger
            {
                RunId = run.Id, RepositoryId = repository.Id, Commit = request.Commit, Ref = request.Ref, Event = request.Event,
                Trusted = request.Trusted, Actor = request.Actor, DeliveryId = request.DeliveryId,
            };
            await database.Triggers.SaveTriggerAsync(trigger, CancellationToken.None).ConfigureAwait(false);
            var fresh = new FreshRun(trigger, repository, run, early, since);
            early = null; // TryStartAsync owns it from here
            await orchestrator.TryStartAsync(run.Id, fresh).ConfigureAwait(false);
            return TriggerResult.Started(run.Id);
        }
        finally
        {
            early?.Dispose();
        }
    }

    private static bool IsCommitId(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
