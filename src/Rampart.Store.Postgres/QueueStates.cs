using Rampart.Core.Service;

namespace Rampart.Store.Postgres;

internal static class QueueStates
{
    /// <summary>A runner reports only how a job ended; Queued or Running are not reports.</summary>
    public static void ThrowUnlessFinal(QueueState state)
    {
        if (state is not (QueueState.Succeeded or QueueState.Failed or QueueState.Cancelled))
            throw new ArgumentOutOfRangeException(nameof(state), state, "a job completes as Succeeded, Failed or Cancelled");
    }
}
