namespace Rampart.Core.Tests.Interop;

/// <summary>What a node tool did: its exit code and everything it printed.</summary>
public sealed record NodeToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for assertion messages.</summary>
    public string Output => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
