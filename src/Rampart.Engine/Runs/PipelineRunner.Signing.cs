using System.Globalization;
using Rampart.Core.Deploy;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Signing;
using Rampart.Engine.Pipeline;

namespace Rampart.Engine.Runs;

/// <summary>
/// Signing and verified deploys. A pipeline runs in two phases: first every job that is not a
/// deploy job (no <c>environment:</c>) and needs none; then, once the gate passed and the engine
/// signed the artifacts and wrote provenance, the deploy jobs and whatever needs them. Each deploy
/// job starts only after <see cref="DeployVerifier"/> re-verified the run from what is stored.
/// </summary>
public sealed partial class PipelineRunner
{
    /// <summary>Signs gate-passed runs; without one, artifacts stay unsigned and deploy jobs are refused.</summary>
    public IRunSigner? Signer { get; init; }

    /// <summary>Checks signatures and provenance before each deploy job; without one, deploy jobs are refused.</summary>
    public IDeployVerifier? DeployVerifier { get; init; }

    /// <summary>The host's approvals, timer, branch rules and environment lock, awaited before each deploy job's re-verification; null admits at once.</summary>
    public IDeployGate? DeployGate { get; init; }

    /// <summary>Splits the jobs: deploy jobs and everything that needs one run after signing.</summary>
    internal static (IReadOnlyList<JobDefinition> Build, IReadOnlyList<JobDefinition> Deploy) SplitDeployPhase(PipelineDefinition pipeline)
    {
        var graph = JobGraph.Build(pipeline);
        var deploy = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in pipeline.Jobs.Where(j => j.Environment is not null))
        {
            deploy.Add(job.Name);
            deploy.UnionWith(graph.Dependants(job.Name));
        }

        return ([.. pipeline.Jobs.Where(j => !deploy.Contains(j.Name))], [.. pipeline.Jobs.Where(j => deploy.Contains(j.Name))]);
    }

    private async Task<Dictionary<string, Outcome>> RecordPendingJobsAsync(RunRecord run, RunRequest request)
    {
        foreach (var job in request.Pipeline.Jobs)
            await _store.SaveJobAsync(new JobRecord { RunId = run.Id, Name = job.Name, Status = Outcome.Pending, Environment = job.Environment }, CancellationToken.None).ConfigureAwait(false);
        return request.Pipeline.Jobs.ToDictionary(j => j.Name, _ => Outcome.Pending, StringComparer.Ordinal);
    }

    private async Task<(Outcome, string?)> SkipDeployJobsAsync(RunRecord run, IReadOnlyList<JobDefinition> deployJobs, Dictionary<string, Outcome> states, (Outcome, string?) result)
    {
        foreach (var job in deployJobs.Where(j => states[j.Name] == Outcome.Pending))
        {
            states[job.Name] = Outcome.Skipped;
            await RecordJobAsync(run, job, Outcome.Skipped, "deploy phase not reached: build, gate and signing must all succeed first", null).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<(Outcome, string?)> SignAndDeployAsync(RunRecord run, RunRequest request, IReadOnlyList<ArtifactRecord> artifacts,
        IReadOnlyList<JobDefinition> deployJobs, Dictionary<string, Outcome> states, CancellationToken cancellationToken)
    {
        var source = BuildSourceOf(request);
        if (!request.Trusted)
        {
            // The engine's key vouches for what it signs; code from outside the repository's trust
            // (a fork's pull request) must not come out carrying that signature, nor deploy.
            RecordSigningEvent(run, "artifacts not signed: the run was triggered by an untrusted event");
        }
        else if (Signer is null)
        {
            if (artifacts.Count > 0)
                _observer.Notice("artifacts not signed: no signing key is configured");
        }
        else
        {
            try
            {
                var signing = new RunSigningRequest(run, source, artifacts, _artifacts, Byproducts(run), _time.GetUtcNow());
                var attestations = await Signer.SignRunAsync(signing, cancellationToken).ConfigureAwait(false);
                await _audit.AttestationsAsync(run, attestations).ConfigureAwait(false);
                RecordSigningEvent(run, $"signed {attestations.Count(a => a.Kind == AttestationKind.Signature)} artifact(s); provenance {(attestations.Any(a => a.Kind == AttestationKind.Provenance) ? "written" : "not written (no artifacts)")}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RecordSigningEvent(run, "signing failed: " + e.Message);
                return await SkipDeployJobsAsync(run, deployJobs, states, (Outcome.Failed, "signing failed: " + e.Message)).ConfigureAwait(false);
            }
        }

        if (deployJobs.Count == 0)
            return (Outcome.Succeeded, null);
        var (outcome, error, _) = await RunJobsAsync(run, request, deployJobs, states,
            (job, token) => VerifyBeforeDeployAsync(run, request, job, source, artifacts, token), cancellationToken).ConfigureAwait(false);
        return (outcome, error);
    }

    /// <summary>Returns null to let the job run, or why it must not (invariant I4).</summary>
    private async Task<string?> VerifyBeforeDeployAsync(RunRecord run, RunRequest request, JobDefinition job, BuildSource source, IReadOnlyList<ArtifactRecord> artifacts, CancellationToken cancellationToken)
    {
        if (job.Environment is not { } environment)
            return null;
        if (!request.Trusted)
            return "deploy refused: the run was triggered by an untrusted event";
        if (Signer is null || DeployVerifier is null)
        {
            RecordSigningEvent(run, $"deploy '{job.Name}' refused: no signing key or verifier is configured");
            return "deploy refused: deploy jobs need signed artifacts and provenance, and no signing key is configured";
        }

        if (DeployGate is { } gate && await gate.AdmitAsync(new DeployGateRequest(run, job.Name, environment), cancellationToken).ConfigureAwait(false) is { } held)
        {
            RecordSigningEvent(run, $"deploy '{job.Name}' to {environment}: {held}");
            return held;
        }

        // Verified after the gate, however long it waited: what deploys is what is stored now (I4).
        var verdict = await DeployVerifier.VerifyAsync(new DeployVerificationRequest(run, job.Name, environment, source, artifacts, _artifacts), cancellationToken).ConfigureAwait(false);
        RecordSigningEvent(run, $"deploy '{job.Name}' to {environment}: {(verdict.Allowed ? "verified" : "refused")}: {verdict.Reason}");
        await _audit.DeployVerifiedAsync(run, job.Name, environment, verdict.Allowed, verdict.Reason).ConfigureAwait(false);
        return verdict.Allowed ? null : "deploy refused: " + verdict.Reason;
    }

    /// <summary>Signing and verification as the run's observer sees them; the audit trail gets structured events.</summary>
    private void RecordSigningEvent(RunRecord run, string message) =>
        _observer.Notice(string.Create(CultureInfo.InvariantCulture, $"run {run.Id}: {message}"));

    /// <summary>The source as the engine resolved it; the pipeline digest is the run's (of the file at the built commit).</summary>
    internal static BuildSource BuildSourceOf(RunRequest request)
    {
        var revision = request.Source;
        if (!Digest.TryParse(request.PipelineDigest, out var pipelineDigest))
            throw new InvalidOperationException("the run's pipeline digest is missing or malformed");
        return new BuildSource(
            request.RepositoryUri ?? RepositoryUri(revision.RepositoryRoot),
            revision.Branch is { } branch ? "refs/heads/" + branch : revision.Ref,
            revision.Commit,
            revision.PipelinePath,
            pipelineDigest,
            request.Event);
    }

    /// <summary>The repository as provenance names it: a <c>git+file</c> URI of its root for local runs.</summary>
    public static string RepositoryUri(string repositoryRoot) => "git+" + new Uri(Path.GetFullPath(repositoryRoot)).AbsoluteUri;

    /// <summary>Every log the run wrote so far, by digest: the provenance byproducts.</summary>
    private List<Byproduct> Byproducts(RunRecord run)
    {
        var root = Path.Combine(_options.LogsDirectory, run.Id.ToString(CultureInfo.InvariantCulture));
        if (!Directory.Exists(root))
            return [];
        return [.. Directory.EnumerateFiles(root, "*.log", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                using var stream = File.OpenRead(path);
                return new Byproduct(Path.GetRelativePath(root, path), Digest.Sha256(stream), "text/plain");
            })];
    }
}
