namespace Rampart.Core.Service.Protocol;

/// <summary>The runner's own credential, returned once at registration; the server keeps only its hash.</summary>
public sealed record RunnerCredential(long RunnerId, string Credential);
