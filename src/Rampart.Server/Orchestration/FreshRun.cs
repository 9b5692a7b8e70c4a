using Rampart.Core.Runs;
using Rampart.Core.Service;

namespace Rampart.Server.Orchestration;

/// <summary>
/// A run this replica has just recorded from a trigger, with what it already holds: carrying it on
/// here needs no second read of the trigger, the repository or the run. <paramref name="Since"/> is
/// the <see cref="TimeProvider.GetTimestamp"/> its preparation is timed from.
/// </summary>
internal sealed record FreshRun(RunTrigger Trigger, RepositoryRecord Repository, RunRecord Run, EarlyFetch? Early, long Since);
