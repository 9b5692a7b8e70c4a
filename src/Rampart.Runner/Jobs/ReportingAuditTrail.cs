using Rampart.Core.Audit;
using Rampart.Core.Service.Protocol;

namespace Rampart.Runner.Jobs;

/// <summary>Hand-outs of secrets and tokens, reported to the server, which writes them to its ledger.</summary>
internal sealed class ReportingAuditTrail(EventStream events) : IAuditTrail
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        events.Add(new RunnerEvent { Audit = new RunnerAudit(auditEvent.Kind, auditEvent.Details) });
        return Task.CompletedTask;
    }
}
