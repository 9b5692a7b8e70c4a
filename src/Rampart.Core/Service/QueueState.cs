namespace Rampart.Core.Service;

/// <summary>Where a queued job is in its life. Succeeded, Failed and Cancelled are final.</summary>
public enum QueueState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
