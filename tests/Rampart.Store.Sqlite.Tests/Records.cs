using Rampart.Core.Runs;

namespace Rampart.Store.Sqlite.Tests;

internal static class Records
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    public static RunRecord Run(string pipeline = "ci") => new()
    {
        Pipeline = pipeline,
        Repository = "https://git.example/acme/app.git",
        Ref = "refs/heads/main",
        Commit = "0123456789abcdef0123456789abcdef01234567",
        Event = "push",
        Status = Outcome.Running,
        StartedAt = T0,
    };

    public static JobRecord Job(long runId, string name, DateTimeOffset? startedAt = null) => new()
    {
        RunId = runId,
        Name = name,
        Status = Outcome.Running,
        StartedAt = startedAt,
    };

    public static StepRecord Step(long runId, string job, int index) => new()
    {
        RunId = runId,
        Job = job,
        Index = index,
        Name = $"step {index}",
        Status = Outcome.Succeeded,
    };
}
