namespace Rampart.Core.Service.Protocol;

/// <summary>The answer to a heartbeat: whether the runner still holds the job, and until when.</summary>
public sealed record JobLeaseStatus(bool Held, DateTimeOffset? LeaseExpiresAt, string? Reason);
