using Rampart.Core.Findings;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// What an analyzer saw before suppressions and settings apply. <paramref name="Key"/> names the place
/// structurally (job, step, resource) so that the fingerprint survives unrelated lines moving.
/// </summary>
internal sealed record CheckHit(ConfigCheck Check, int Line, int Column, string Detail, string Key)
{
    /// <summary>Overrides the check's default when one occurrence is worse or milder than usual.</summary>
    public Severity? Severity { get; init; }
}
