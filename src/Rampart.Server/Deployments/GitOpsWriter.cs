using System.Globalization;
using System.Text;
using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Service;
using Rampart.Core.Text;
using Rampart.Server.Triggers;

namespace Rampart.Server.Deployments;

/// <summary>
/// Writes a run's verified manifests into a GitOps repository as one SSH-signed commit. The files
/// are the run's build artifacts whose names match the target's pattern; each is read from the
/// content-addressed store and hashed again before it is written (a stored blob that no longer
/// matches its digest stops the write). The target directory is replaced as a whole, so manifests
/// the run no longer produces disappear from the repository.
/// </summary>
internal sealed class GitOpsWriter(GitOpsSigningKey key, IArtifactStore store, string workRoot)
{
    private const int PushAttempts = 3;
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The new commit's id, or null when the directory already held exactly these files.</summary>
    public async Task<string?> WriteAsync(GitOpsTarget target, DeploymentRecord deployment, IReadOnlyList<ArtifactRecord> artifacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(deployment);
        var manifests = Select(target, artifacts);
        var files = new List<(string Name, byte[] Content, Digest Digest)>();
        foreach (var artifact in manifests)
            files.Add((Path.GetFileName(artifact.Name), await ReadVerifiedAsync(artifact, cancellationToken).ConfigureAwait(false), artifact.Digest));
        var signingKey = await key.EnsureAsync(cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; ; attempt++)
        {
            var work = Directory.CreateDirectory(Path.Combine(workRoot, "gitops-" + Guid.NewGuid().ToString("N"))).FullName;
            try
            {
                var result = await CommitOnceAsync(work, target, deployment, files, signingKey, cancellationToken).ConfigureAwait(false);
                if (result.Pushed || attempt == PushAttempts)
                    return result.Pushed ? result.Commit : throw new GitOpsException($"push to {target.Repository} ({target.Branch}) rejected {PushAttempts} times: {result.Error}");
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static List<ArtifactRecord> Select(GitOpsTarget target, IReadOnlyList<ArtifactRecord> artifacts)
    {
        var manifests = artifacts.Where(a => PathGlob.IsMatch(target.Artifacts, a.Name)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        if (manifests.Count == 0)
            throw new GitOpsException($"no artifact of the run matches '{target.Artifacts}'");
        var clash = manifests.GroupBy(a => Path.GetFileName(a.Name), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new GitOpsException($"two manifests would both be written as '{clash.Key}': {string.Join(", ", clash.Select(a => a.Name))}");
        return manifests;
    }

    private async Task<byte[]> ReadVerifiedAsync(ArtifactRecord artifact, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var stream = store.OpenRead(artifact.Digest);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                // A store that checks content on the way out (PostgreSQL) refused a damaged blob.
                throw new GitOpsException($"manifest {artifact.Name}: {e.Message}", e);
            }
        }

        var bytes = buffer.ToArray();
        var actual = Digest.Sha256(bytes);
        if (actual != artifact.Digest)
            throw new GitOpsException($"manifest {artifact.Name}: stored content hashes to {actual}, not the recorded {artifact.Digest}");
        return bytes;
    }

    private static async Task<(bool Pushed, string? Commit, string? Error)> CommitOnceAsync(string work, GitOpsTarget target, DeploymentRecord deployment,
        List<(string Name, byte[] Content, Digest Digest)> files, string signingKey, CancellationToken cancellationToken)
    {
        await GitAsync(work, cancellationToken, "init", "-q", "-b", target.Branch).ConfigureAwait(false);
        await GitAsync(work, cancellationToken, "remote", "add", "origin", target.Repository).ConfigureAwait(false);
        var heads = await GitAsync(work, cancellationToken, "ls-remote", "--heads", "origin", "refs/heads/" + target.Branch).ConfigureAwait(false);
        if (heads.Trim().Length > 0)
        {
            await GitAsync(work, cancellationToken, "fetch", "-q", "--depth", "1", "origin", "refs/heads/" + target.Branch).ConfigureAwait(false);
            await GitAsync(work, cancellationToken, "reset", "-q", "--hard", "FETCH_HEAD").ConfigureAwait(false);
        }

        var directory = Path.GetFullPath(Path.Combine(work, target.Directory));
        if (!directory.StartsWith(work + "/", StringComparison.Ordinal) || directory.StartsWith(Path.Combine(work, ".git"), StringComparison.Ordinal))
            throw new GitOpsException($"directory '{target.Directory}' is not a folder inside the repository");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        foreach (var (name, content, _) in files)
            await File.WriteAllBytesAsync(Path.Combine(directory, name), content, cancellationToken).ConfigureAwait(false);
        await GitAsync(work, cancellationToken, "add", "-A", "--", target.Directory).ConfigureAwait(false);
        var (unchanged, _, _) = await ToolProcess.RunAsync("git", ["-C", work, "diff", "--cached", "--quiet"], null, null, null, GitTimeout, cancellationToken).ConfigureAwait(false);
        if (unchanged == 0 && heads.Trim().Length > 0)
            return (true, null, null);

        var message = Path.Combine(work, ".git", "RAMPART_MESSAGE");
        await File.WriteAllTextAsync(message, Message(deployment, target, files), cancellationToken).ConfigureAwait(false);
        await GitAsync(work, cancellationToken,
            "-c", "user.name=Rampart", "-c", $"user.email={GitOpsSigningKey.Principal}@rampart.invalid",
            "-c", "gpg.format=ssh", "-c", "user.signingkey=" + signingKey, "-c", "commit.gpgsign=true",
            "commit", "-q", "-S", "-F", message).ConfigureAwait(false);
        var commit = (await GitAsync(work, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
        var (code, _, error) = await ToolProcess.RunAsync("git", ["-C", work, "push", "-q", "origin", "HEAD:refs/heads/" + target.Branch], null, null, null, GitTimeout, cancellationToken).ConfigureAwait(false);
        return code == 0 ? (true, commit, null) : (false, null, error.Trim().ReplaceLineEndings(" "));
    }

    internal static string Message(DeploymentRecord deployment, GitOpsTarget target, IEnumerable<(string Name, byte[] Content, Digest Digest)> files)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rampart: deploy {deployment.Repository} run {deployment.RunId} to {deployment.Environment}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Run: {deployment.RunId}\nRepository: {deployment.Repository}\nCommit: {deployment.Commit}\nRef: {deployment.Ref}\n");
        text.Append(CultureInfo.InvariantCulture, $"Environment: {deployment.Environment}\nJob: {deployment.Job}\n\nManifests (verified by digest):\n");
        foreach (var (name, _, digest) in files)
            text.Append(CultureInfo.InvariantCulture, $"  {target.Directory.TrimEnd('/')}/{name} {digest}\n");
        return text.ToString();
    }

    private static async Task<string> GitAsync(string work, CancellationToken cancellationToken, params string[] args)
    {
        var (code, output, error) = await ToolProcess.RunAsync("git", ["-C", work, .. args], null, null, null, GitTimeout, cancellationToken).ConfigureAwait(false);
        if (code != 0)
            throw new GitOpsException($"git {args.First(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))} failed: {error.Trim().ReplaceLineEndings(" ")}");
        return output;
    }
}
