using Rampart.Core.Runs;

namespace Rampart.Core.Deploy;

/// <summary>A deploy job asking to run: the run, the job's name and its <c>environment:</c>.</summary>
public sealed record DeployGateRequest(RunRecord Run, string Job, string Environment);
