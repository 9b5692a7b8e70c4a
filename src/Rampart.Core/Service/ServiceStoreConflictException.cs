namespace Rampart.Core.Service;

/// <summary>A unique name was already taken (a user, a repository).</summary>
public sealed class ServiceStoreConflictException : Exception
{
    public ServiceStoreConflictException()
    {
    }

    public ServiceStoreConflictException(string message)
        : base(message)
    {
    }

    public ServiceStoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
