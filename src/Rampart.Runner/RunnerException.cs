namespace Rampart.Runner;

/// <summary>A runner cannot go on: a refused registration, a bad credential file, an unreachable server.</summary>
public sealed class RunnerException : Exception
{
    public RunnerException()
    {
    }

    public RunnerException(string message)
        : base(message)
    {
    }

    public RunnerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
