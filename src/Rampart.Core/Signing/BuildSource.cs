using Rampart.Core.Evidence;

namespace Rampart.Core.Signing;

/// <summary>
/// What a run built, as the engine resolved it (never as a step described it): the repository URI,
/// the ref and commit, the pipeline file and its digest, and the event that triggered the run.
/// </summary>
public sealed record BuildSource(string Repository, string Ref, string Commit, string PipelinePath, Digest PipelineDigest, string Event);
