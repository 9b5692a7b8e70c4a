namespace Rampart.Engine.Runs;

/// <summary>
/// Records every hand-out of a secret or an id-token in the audit trail (name, step, how; never a
/// value). <see cref="Record"/> is synchronous because tokens are handed out from the job's token
/// endpoint; <see cref="FlushAsync"/> waits until every recorded hand-out is durable.
/// </summary>
internal sealed class HandOutLog(RunAudit audit)
{
    private readonly Lock _gate = new();
    private readonly List<Task> _pending = [];

    public void Record(HandOut handOut)
    {
        var append = audit.HandOutAsync(handOut);
        lock (_gate)
        {
            _pending.RemoveAll(t => t.IsCompletedSuccessfully);
            _pending.Add(append);
        }
    }

    public Task FlushAsync()
    {
        lock (_gate)
            return Task.WhenAll(_pending.ToArray());
    }
}
