using Rampart.Core.Runs;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Runs;

/// <summary>
/// Live progress of a run, for a console or an event stream. Calls may come from several jobs at
/// once; output text is already masked.
/// </summary>
public interface IRunObserver
{
    void RunStarted(RunRecord run);

    void Notice(string message);

    void JobStarted(string job);

    void StepStarted(string job, int index, string step);

    void StepOutput(string job, int index, string text);

    void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result);

    void JobFinished(string job, Outcome outcome, string? error);

    void StageFinished(string stage, int findings, string? error);

    void RunFinished(RunRecord run);
}
