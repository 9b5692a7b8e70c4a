using Rampart.Core.Runs;
using Rampart.Core.Service.Protocol;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;

namespace Rampart.Runner.Jobs;

/// <summary>Streams a job's masked output and notices to the server, and prints a line per step here.</summary>
internal sealed class ReportingObserver(EventStream events, Action<string> print) : IRunObserver
{
    public void RunStarted(RunRecord run)
    {
    }

    public void Notice(string message)
    {
        events.Add(new RunnerEvent { Notice = message });
        print("  " + message);
    }

    public void JobStarted(string job) => print($"job {job}: started");

    public void StepStarted(string job, int index, string step) => print($"  step {index + 1} {step}");

    public void StepOutput(string job, int index, string text) => events.Add(new RunnerEvent { Log = new RunnerLog(index, text) });

    public void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result) =>
        print($"  step {index + 1} {step}: {outcome.ToString().ToLowerInvariant()}");

    public void JobFinished(string job, Outcome outcome, string? error) => print($"job {job}: {outcome.ToString().ToLowerInvariant()}{(error is null ? "" : ": " + error)}");

    public void StageFinished(string stage, int findings, string? error)
    {
    }

    public void RunFinished(RunRecord run)
    {
    }
}
