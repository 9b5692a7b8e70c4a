namespace Rampart.Server.Triggers;

/// <summary>The run a trigger started, or why none was started (one line).</summary>
public sealed record TriggerResult(long? RunId, string? Refusal)
{
    public bool Accepted => RunId is not null;

    public static TriggerResult Started(long runId) => new(runId, null);

    public static TriggerResult Refused(string reason) => new(null, reason);
}
