using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;

namespace Rampart.Server.Orchestration;

/// <summary>
/// What the server itself says about a run (stage results, gate decisions, signing), kept in the
/// run's log under the job name <see cref="RunLog"/>, which no pipeline job can have.
/// </summary>
internal sealed class ServerRunObserver(ILogStore logs, long runId) : IRunObserver
{
    public const string RunLog = "_run";

    private readonly Lock _order = new();
    private Task _last = Task.CompletedTask;

    public Task FlushAsync() => _last;

    public void RunStarted(RunRecord run) => Write($"run {run.Id} started: {run.Pipeline} at {run.Commit[..Math.Min(12, run.Commit.Length)]}");

    public void Notice(string message) => Write(message);

    public void JobStarted(string job) => Write($"job {job}: dispatched");

    public void StepStarted(string job, int index, string step)
    {
    }

    public void StepOutput(string job, int index, string text)
    {
    }

    public void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result)
    {
    }

    public void JobFinished(string job, Outcome outcome, string? error) => Write($"job {job}: {outcome.ToString().ToLowerInvariant()}{(error is null ? "" : ": " + error)}");

    public void StageFinished(string stage, int findings, string? error) => Write($"stage {stage}: {findings} finding(s){(error is null ? "" : "; " + error)}");

    public void RunFinished(RunRecord run) => Write($"run {run.Id} {run.Status.ToString().ToLowerInvariant()}{(run.Error is null ? "" : ": " + run.Error)}");

    // Appends keep their order without making the engine wait on the database.
    private void Write(string line)
    {
        lock (_order)
            _last = _last.ContinueWith(_ => logs.AppendLogAsync(runId, RunLog, 0, line + "\n", CancellationToken.None), TaskScheduler.Default).Unwrap();
    }
}
