namespace Rampart.Core.Service;

/// <summary>Jobs waiting and jobs held by runners, for metrics and readiness.</summary>
public sealed record QueueCounts(long Queued, long Running);
