using Rampart.Core.Audit;

namespace Rampart.Server.Access;

/// <summary>
/// Writes every change of who may do what to the ledger as <see cref="AuditKinds.AccessChanged"/>.
/// Entries name the actor, the user concerned, the repository and the roles before and after; a
/// token appears only by id and name, never by its value, prefix or hash.
/// </summary>
internal static class AccessAudit
{
    public static Task RecordAsync(IAuditTrail audit, string actor, string user, string action, CancellationToken cancellationToken, params (string Key, string? Value)[] details)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = action, ["user"] = user };
        foreach (var (key, value) in details)
        {
            if (value is not null)
                values[key] = value;
        }

        return audit.AppendAsync(new AuditEvent(AuditKinds.AccessChanged, actor, "user/" + user, values), cancellationToken);
    }
}
