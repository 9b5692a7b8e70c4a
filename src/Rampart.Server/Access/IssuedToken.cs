namespace Rampart.Server.Access;

/// <summary>
/// A freshly made API token: <see cref="Token"/> is shown to its owner once and then forgotten;
/// only <see cref="Hash"/> and <see cref="Prefix"/> are stored.
/// </summary>
public sealed record IssuedToken(string Token, string Hash, string Prefix);
