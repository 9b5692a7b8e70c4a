namespace Rampart.Core.Service.Protocol;

/// <summary>
/// A job handed to a runner: the queue entry, its payload, and the secrets this job may use (only
/// those it declares, none for untrusted runs). Secrets travel only in this response.
/// </summary>
public sealed record JobAssignment(long JobId, int Attempt, int LeaseSeconds, JobPayload Payload, IReadOnlyDictionary<string, string> Secrets);
