namespace Rampart.Core.Service;

/// <summary>Where a deploy request stands. Only <see cref="Waiting"/> and <see cref="Deploying"/> are not final.</summary>
public enum DeploymentState
{
    /// <summary>Waiting for approval, for the timer, or for the environment's lock (the detail says which).</summary>
    Waiting,

    /// <summary>Admitted: holds the environment's lock while the deploy job runs.</summary>
    Deploying,

    Succeeded,
    Failed,

    /// <summary>An approver rejected it.</summary>
    Rejected,

    /// <summary>A rule refused it (branch not allowed, verification failed, untrusted run).</summary>
    Refused,

    /// <summary>A newer commit's deploy to the same environment replaced it while it waited.</summary>
    Superseded,

    Cancelled,
}
