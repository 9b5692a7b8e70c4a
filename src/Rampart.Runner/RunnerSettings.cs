namespace Rampart.Runner;

/// <summary>How a runner agent reaches its server and what it offers.</summary>
public sealed record RunnerSettings
{
    public required Uri Server { get; init; }

    /// <summary>Holds the runner's credential file (0600), its mirrors and its job logs.</summary>
    public required string StateDirectory { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Take one job, report it, and exit.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Run steps without the sandbox (tests and trusted single-tenant machines only).</summary>
    public bool UnsafeNoSandbox { get; init; }

    /// <summary>How long one request for work waits on the server before asking again.</summary>
    public int WaitSeconds { get; init; } = 25;

    public string CredentialPath => Path.Combine(StateDirectory, "runner.json");
}
