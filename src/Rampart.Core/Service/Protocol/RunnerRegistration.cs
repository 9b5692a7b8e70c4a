namespace Rampart.Core.Service.Protocol;

/// <summary>A runner's first call: the one-time registration token, and how it describes itself.</summary>
public sealed record RunnerRegistration(string Token, string Name, IReadOnlyList<string> Labels, bool Ephemeral);
