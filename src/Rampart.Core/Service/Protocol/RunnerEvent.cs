using Rampart.Core.Runs;

namespace Rampart.Core.Service.Protocol;

/// <summary>
/// Something a runner observed while running a job, sent in batches: a step or job record, a piece
/// of masked log, a notice, or an audit event (a secret or token hand-out). Exactly one field is set.
/// </summary>
public sealed record RunnerEvent
{
    public StepRecord? Step { get; init; }
    public JobRecord? Job { get; init; }
    public RunnerLog? Log { get; init; }
    public string? Notice { get; init; }
    public RunnerAudit? Audit { get; init; }
}

/// <summary>Masked output of step <paramref name="Step"/> (its index in the job).</summary>
public sealed record RunnerLog(int Step, string Text);

/// <summary>An audit event as a runner reports it: the server sets actor and subject from the job it holds.</summary>
public sealed record RunnerAudit(string Kind, IReadOnlyDictionary<string, string> Details);
