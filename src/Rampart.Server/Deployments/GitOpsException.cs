namespace Rampart.Server.Deployments;

/// <summary>The GitOps write failed; the message is one line for the job's error.</summary>
public sealed class GitOpsException : Exception
{
    public GitOpsException()
    {
    }

    public GitOpsException(string message)
        : base(message)
    {
    }

    public GitOpsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
