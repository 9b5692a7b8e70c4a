namespace Rampart.Server.Triggers;

/// <summary>
/// A request to build one commit of a registered repository, from a webhook, the poller or a person.
/// </summary>
/// <param name="Repository"><c>OWNER/REPO</c> as registered.</param>
/// <param name="Commit">The full commit id to build.</param>
/// <param name="Ref">The git ref it was pushed to, e.g. <c>refs/heads/main</c> or <c>refs/pull/7/head</c>.</param>
/// <param name="Event"><c>push</c>, <c>pull_request</c>, <c>poll</c> or <c>manual</c>.</param>
/// <param name="Trusted">False for pull requests from forks: the run gets no secrets and no id-token.</param>
/// <param name="Actor">Who caused it: a user of the service or the git host's sender login.</param>
/// <param name="DeliveryId">The webhook delivery id, when a webhook caused it.</param>
public sealed record TriggerRequest(string Repository, string Commit, string Ref, string Event, bool Trusted, string? Actor, string? DeliveryId);
