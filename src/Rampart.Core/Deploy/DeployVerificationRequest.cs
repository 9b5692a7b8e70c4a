using Rampart.Core.Artifacts;
using Rampart.Core.Runs;
using Rampart.Core.Signing;

namespace Rampart.Core.Deploy;

/// <summary>
/// What a deploy job is about to ship: the run's artifacts (bytes from the store), and the source
/// the provenance must name. <see cref="Environment"/> is the job's <c>environment:</c>.
/// </summary>
public sealed record DeployVerificationRequest(
    RunRecord Run,
    string Job,
    string Environment,
    BuildSource ExpectedSource,
    IReadOnlyList<ArtifactRecord> Artifacts,
    IArtifactStore Store);
