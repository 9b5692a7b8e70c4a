using System.Collections.Concurrent;
using Rampart.Core.Runs;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>Keeps the engine's notices and job errors for assertions.</summary>
internal sealed class CollectingObserver : IRunObserver
{
    public ConcurrentQueue<string> Notices { get; } = new();

    public ConcurrentDictionary<string, string?> JobErrors { get; } = new();

    public void RunStarted(RunRecord run)
    {
    }

    public void Notice(string message) => Notices.Enqueue(message);

    public void JobStarted(string job)
    {
    }

    public void StepStarted(string job, int index, string step)
    {
    }

    public void StepOutput(string job, int index, string text)
    {
    }

    public void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result)
    {
    }

    public void JobFinished(string job, Outcome outcome, string? error) => JobErrors[job] = error;

    public void StageFinished(string stage, int findings, string? error)
    {
    }

    public void RunFinished(RunRecord run)
    {
    }
}
