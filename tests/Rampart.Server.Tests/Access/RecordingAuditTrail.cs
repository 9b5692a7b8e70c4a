using System.Collections.Concurrent;
using Rampart.Core.Audit;

namespace Rampart.Server.Tests.Access;

internal sealed class RecordingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }

    public string Dump() => string.Join('\n', Events.Select(e => $"{e.Kind} {e.Actor} {e.Subject} " + string.Join(' ', e.Details.Select(d => $"{d.Key}={d.Value}"))));
}
