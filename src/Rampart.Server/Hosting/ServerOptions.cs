namespace Rampart.Server.Hosting;

/// <summary>The server's validated settings (docs/server.md lists each with its default).</summary>
public sealed record ServerOptions
{
    /// <summary>Kestrel's listen URL; 127.0.0.1 by default, so exposing the server is a decision.</summary>
    public string Listen { get; init; } = "http://127.0.0.1:8080";

    /// <summary><c>sqlite</c> (a file in the state folder), <c>sqlite:PATH</c>, or <c>postgres:CONNECTION-STRING</c>.</summary>
    public string Database { get; init; } = "sqlite";

    /// <summary>Keys, vault, ledger and artifacts of the server. Replicas on one host share it.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The URL people and runners reach this server at; the listen URL when not set.</summary>
    public string? PublicUrl { get; init; }

    public long MaxRequestBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Largest artifact a runner may upload.</summary>
    public long MaxArtifactBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Failed authentications allowed per client address per minute before 429.</summary>
    public int AuthFailuresPerMinute { get; init; } = 10;

    /// <summary>A runner that does not renew a job's lease within this many seconds loses the job.</summary>
    public int JobLeaseSeconds { get; init; } = 30;

    /// <summary>How many times a job is handed out before a lost runner fails it.</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>How long a runner's request for work waits before it returns empty.</summary>
    public int LongPollSeconds { get; init; } = 25;

    /// <summary>Names this process in run leases; host name and process id by default.</summary>
    public string ReplicaId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// Git mirrors and job workspaces: only a cache, locked per mirror with <c>flock</c>, so it belongs on
    /// local disk. <c>cache/</c> in the state folder when not set; replicas whose state folder is shared
    /// over the network each set their own.
    /// </summary>
    public string? CacheDir { get; init; }

    public string EffectiveCacheDirectory => CacheDir ?? Path.Combine(StateDirectory, "cache");

    public string EffectivePublicUrl => (PublicUrl ?? Listen).TrimEnd('/');

    public TimeSpan JobLease => TimeSpan.FromSeconds(JobLeaseSeconds);
}
