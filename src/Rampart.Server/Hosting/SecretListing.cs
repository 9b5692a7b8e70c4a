namespace Rampart.Server.Hosting;

/// <summary>A secret as the web UI lists it: name and scope, never a value. Null scope parts mean "any".</summary>
public sealed record SecretListing(string Name, string? Repository, string? Environment, string? Branch, int Versions, DateTimeOffset? Updated);
