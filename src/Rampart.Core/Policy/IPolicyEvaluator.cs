using System.Text.Json.Nodes;

namespace Rampart.Core.Policy;

/// <summary>
/// Decides whether a run may pass its gate, from the run's evidence document (see
/// <see cref="RunEvidence"/> and docs/policy.md). Implementations fail closed: an error in a
/// policy is a failing decision with the error as its reason, never a pass.
/// </summary>
public interface IPolicyEvaluator
{
    Task<PolicyDecision> EvaluateAsync(JsonObject evidence, CancellationToken cancellationToken);
}
