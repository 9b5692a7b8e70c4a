namespace Rampart.Core.Service;

/// <summary>
/// The answer to a request for an environment's lock: <see cref="Started"/> when the deployment now
/// holds it; otherwise <see cref="BlockedBy"/> names the deployment ahead of it (null when the
/// deployment itself is no longer waiting, e.g. superseded meanwhile).
/// </summary>
public sealed record DeploymentStart(bool Started, DeploymentRecord Current, DeploymentRecord? BlockedBy);
