namespace Rampart.Core.Service;

/// <summary>
/// Why and for what a service run exists: kept with the run so that any replica can carry it on
/// after the one that started it stops.
/// </summary>
public sealed record RunTrigger
{
    public long RunId { get; init; }
    public long RepositoryId { get; init; }
    public required string Commit { get; init; }
    public required string Ref { get; init; }

    /// <summary><c>push</c>, <c>pull_request</c>, <c>manual</c> or <c>poll</c>.</summary>
    public required string Event { get; init; }

    /// <summary>False for pull requests from forks: no secrets, no id-token.</summary>
    public bool Trusted { get; init; }

    /// <summary>Who caused the run: a user name, or the git host's sender login.</summary>
    public string? Actor { get; init; }

    /// <summary>Delivery id of the webhook that caused the run, when one did.</summary>
    public string? DeliveryId { get; init; }
}
