namespace Rampart.Core.Audit;

/// <summary>
/// Where security-relevant events are recorded (the tamper-evident ledger). The task completes once
/// the event is durable; appends from many tasks and processes are serialised without loss.
/// </summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
