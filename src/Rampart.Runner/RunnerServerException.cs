using System.Net;

namespace Rampart.Runner;

/// <summary>The server refused or failed a runner call; <see cref="Status"/> says which.</summary>
public sealed class RunnerServerException : Exception
{
    public RunnerServerException()
    {
    }

    public RunnerServerException(string message)
        : base(message)
    {
    }

    public RunnerServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RunnerServerException(HttpStatusCode status, string message)
        : base(message)
    {
        Status = status;
    }

    public HttpStatusCode Status { get; }
}
