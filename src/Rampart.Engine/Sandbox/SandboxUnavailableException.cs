namespace Rampart.Engine.Sandbox;

/// <summary>The host cannot provide the sandbox; the run must not start.</summary>
public sealed class SandboxUnavailableException : Exception
{
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    public SandboxUnavailableException()
    {
    }

    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
