using System.Globalization;
using Rampart.Core.Identity;
using Rampart.Core.Runs;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Runs;

/// <summary>
/// What an id-token says about the job that asked for it. Built from what the engine (or the
/// service) knows about the run, never from what a step or a runner claims.
/// </summary>
public static class JobTokenClaims
{
    public static IdTokenRequest Describe(RunRecord run, RunRequest request, JobDefinition job, string audience, string runnerEnvironment)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(job);
        var source = request.Source;
        var (gitRef, refType) = source.Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? (source.Ref, "tag")
            : source.Ref.StartsWith("refs/heads/", StringComparison.Ordinal) ? (source.Ref, "branch")
            : source.Branch is { } branch ? ("refs/heads/" + branch, "branch")
            : (source.Commit, "commit");
        return new IdTokenRequest(audience, request.EffectiveRepositoryName, gitRef, refType, source.Commit,
            run.Id.ToString(CultureInfo.InvariantCulture), job.Name, source.PipelinePath, request.PipelineDigest,
            job.Environment, request.Event, runnerEnvironment, request.Trusted);
    }
}
