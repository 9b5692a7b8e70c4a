namespace Rampart.Server.Triggers;

/// <summary>Where webhooks, the poller and the API hand the commits to build.</summary>
public interface ITriggerSink
{
    Task<TriggerResult> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken);
}
