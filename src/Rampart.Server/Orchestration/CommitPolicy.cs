using Rampart.Core.Service;
using Rampart.Engine.Source;
using Rampart.Server.Hosting;
using Rampart.Server.Triggers;

namespace Rampart.Server.Orchestration;

/// <summary>
/// Refuses to build a commit of a protected branch unless an allowed signer signed it. The allowed
/// signers are the operator's (<c>&lt;state&gt;/signers/OWNER/REPO/</c>), never a file of the commit being built.
/// </summary>
internal static class CommitPolicy
{
    public static string SignersFolder(ServerOptions options, string repository) =>
        Path.Combine(options.StateDirectory, "signers", Path.Combine(repository.Split('/')));

    public static async Task<string?> CheckAsync(ServerOptions options, RepositoryRecord repository, SourceRevision revision, CancellationToken cancellationToken)
    {
        if (!CommitSignatures.IsRequired(repository, revision.Ref))
            return null;
        var folder = SignersFolder(options, repository.Name);
        var signers = AllowedSigners.Load(folder);
        if (signers.IsEmpty)
            return $"{revision.Ref} is protected: commits must be signed, but no allowed signers are configured in {folder}";
        var verdict = await CommitSignatures.VerifyAsync(revision.RepositoryRoot, revision.Commit, signers, cancellationToken).ConfigureAwait(false);
        return verdict.Verified ? null : $"{revision.Ref} is protected: commit {revision.Commit[..12]} refused: {verdict.Reason}";
    }
}
