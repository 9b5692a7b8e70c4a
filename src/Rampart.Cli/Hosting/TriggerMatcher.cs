using Rampart.Engine.Pipeline;

namespace Rampart.Cli.Hosting;

internal static class TriggerMatcher
{
    public static bool Matches(PipelineTriggers triggers, string eventName, string? branch)
    {
        var filter = eventName == "pull_request" ? triggers.PullRequest : triggers.Push;
        return filter is not null && branch is not null && filter.Matches(branch);
    }
}
