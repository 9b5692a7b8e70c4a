namespace Rampart.Engine.Pipeline;

/// <summary>A shell script (<c>run</c>) executed with <c>bash -eo pipefail</c> in the job's sandbox.</summary>
public sealed record StepDefinition(
    string Name,
    string Run,
    IReadOnlyDictionary<string, string> Env,
    TimeSpan? Timeout,
    SourceMark Mark);
