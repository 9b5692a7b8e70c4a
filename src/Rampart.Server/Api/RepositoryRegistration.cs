namespace Rampart.Server.Api;

/// <summary>The body of <c>POST /api/v1/repositories</c>.</summary>
internal sealed record RepositoryRegistration(string Name, string CloneUrl, string? DefaultBranch, IReadOnlyList<string>? ProtectedBranches, int? PollSeconds);
