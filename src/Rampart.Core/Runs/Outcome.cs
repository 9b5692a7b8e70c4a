namespace Rampart.Core.Runs;

/// <summary>State of a run, job or step. Terminal states are everything after <see cref="Running"/>.</summary>
public enum Outcome
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    Skipped = 4,
    TimedOut = 5,
    Cancelled = 6,
}
