namespace Rampart.Core.Service;

/// <summary>A repository the service builds, registered by clone URL or local path.</summary>
public sealed record RepositoryRecord
{
    public long Id { get; init; }

    /// <summary><c>OWNER/REPO</c>: the name webhooks, roles, secrets and id-tokens use.</summary>
    public required string Name { get; init; }

    /// <summary>Where runners fetch the commit from: a URL or an absolute local path.</summary>
    public required string CloneUrl { get; init; }

    public string DefaultBranch { get; init; } = "main";

    /// <summary>Branches (globs) whose commits must carry a signature from an allowed signer.</summary>
    public IReadOnlyList<string> ProtectedBranches { get; init; } = [];

    /// <summary>Poll the remote for new commits every this many seconds; 0 disables polling.</summary>
    public int PollSeconds { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
