namespace Rampart.Engine.Pipeline;

public enum NetworkMode
{
    /// <summary>Loopback only (the default).</summary>
    None = 0,

    /// <summary>The host's network, unfiltered.</summary>
    All = 1,

    /// <summary>Only the listed <c>host:port</c> pairs.</summary>
    AllowList = 2,
}

public sealed record NetworkPolicy(NetworkMode Mode, IReadOnlyList<HostPort> Allow)
{
    public static NetworkPolicy None { get; } = new(NetworkMode.None, []);
}

public sealed record HostPort(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
