namespace Rampart.Core.Audit;

/// <summary>
/// One security-relevant event for the audit trail. The trail stamps the time when it accepts the
/// event, so callers cannot back-date entries. <paramref name="Details"/> holds names, digests,
/// outcomes and reasons; never a secret value.
/// </summary>
/// <param name="Kind">One of <see cref="AuditKinds"/> (e.g. <c>run.started</c>).</param>
/// <param name="Actor">Who caused it: <c>engine</c>, a user name, a job token subject.</param>
/// <param name="Subject">What it is about: a run id, <c>run/12/job/build</c>, an artifact digest.</param>
/// <param name="Details">Extra facts as text; keys are short lower-case names.</param>
public sealed record AuditEvent(string Kind, string Actor, string Subject, IReadOnlyDictionary<string, string> Details)
{
    /// <summary>An event without details.</summary>
    public AuditEvent(string kind, string actor, string subject)
        : this(kind, actor, subject, new Dictionary<string, string>())
    {
    }
}
