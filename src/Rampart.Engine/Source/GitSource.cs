using System.Text;

namespace Rampart.Engine.Source;

/// <summary>
/// Resolves what to build and puts a clean copy of it into a workspace. The workspace is a fresh
/// shallow clone of exactly one commit, never the user's working tree (unless <c>--dirty</c>).
/// </summary>
public static class GitSource
{
    public static async Task<SourceRevision> ResolveAsync(string projectDirectory, string gitRef, bool dirty, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(projectDirectory);
        if (!Directory.Exists(full))
            throw new SourceException($"{projectDirectory}: no such directory");
        var (code, top, _) = await GitCommand.RunAsync(full, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (code != 0)
            throw new SourceException($"{projectDirectory}: not inside a git repository");
        var root = top.Trim();
        var project = Path.GetRelativePath(root, full).Replace('\\', '/');
        if (project == ".")
            project = "";

        var (refCode, commitText, _) = await GitCommand.RunAsync(root, ["rev-parse", "--verify", "--quiet", gitRef + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (refCode != 0)
            throw new SourceException($"{gitRef}: not a commit in {root}");
        var (branchCode, branchText, _) = await GitCommand.RunAsync(root, ["rev-parse", "--abbrev-ref", gitRef], cancellationToken).ConfigureAwait(false);
        var branch = branchCode == 0 && branchText.Trim() is { Length: > 0 } b && b != "HEAD" ? b : null;
        return new SourceRevision(root, project, gitRef, commitText.Trim(), branch, dirty);
    }

    /// <summary>The pipeline file as committed (or as on disk for a dirty run); null when it does not exist.</summary>
    public static async Task<string?> ReadPipelineAsync(SourceRevision revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (revision.Dirty)
        {
            var path = Path.Combine(revision.RepositoryRoot, revision.PipelinePath);
            return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }

        var file = await GitObjectReader.For(revision.RepositoryRoot).ReadAsync($"{revision.Commit}:{revision.PipelinePath}", cancellationToken).ConfigureAwait(false);
        // As a StreamReader would: a byte order mark is not part of the text.
        return file is { Type: "blob" } ? Encoding.UTF8.GetString(file.Content.Span is [0xEF, 0xBB, 0xBF, ..] ? file.Content.Span[3..] : file.Content.Span) : null;
    }

    public static async Task CheckoutAsync(SourceRevision revision, string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        Directory.CreateDirectory(workspace);
        if (revision.Dirty)
        {
            await CopyWorkingTreeAsync(revision.RepositoryRoot, workspace, cancellationToken).ConfigureAwait(false);
            return;
        }

        // file:// forces git's transport: no hard links into the user's object store, which a
        // step could otherwise modify through the shared inode.
        await GitCommand.RunCheckedAsync(workspace, ["init", "--quiet"], cancellationToken).ConfigureAwait(false);
        // A one-commit workspace never needs git's housekeeping, which would otherwise start after the fetch.
        await GitCommand.RunCheckedAsync(workspace, ["fetch", "--quiet", "--no-tags", "--no-auto-maintenance", "--depth", "1", "file://" + revision.RepositoryRoot, revision.Commit],
            cancellationToken).ConfigureAwait(false);
        await GitCommand.RunCheckedAsync(workspace, ["-c", "advice.detachedHead=false", "checkout", "--quiet", "FETCH_HEAD"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the files of the revision (as committed, or as on disk for a dirty run) into
    /// <paramref name="target"/>, without a <c>.git</c>: what the built-in stages read. One git process
    /// (<c>read-tree -u</c> into a throwaway index), where a checkout takes three and a fetch; the
    /// repository's own index, HEAD and working tree are left alone.
    /// </summary>
    public static async Task ExportTreeAsync(SourceRevision revision, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        Directory.CreateDirectory(target);
        if (revision.Dirty)
        {
            await CopyWorkingTreeAsync(revision.RepositoryRoot, target, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Beside the target, not in it: the stages must not see it.
        var index = Path.GetFullPath(target).TrimEnd('/') + ".index";
        try
        {
            await GitCommand.RunCheckedAsync(revision.RepositoryRoot,
                ["-c", "core.hooksPath=/dev/null", "--work-tree", Path.GetFullPath(target), "read-tree", "-u", "--reset", revision.Commit + "^{tree}"],
                cancellationToken, new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index }).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>The <c>origin</c> remote's URL, or null when the repository has none.</summary>
    public static async Task<string?> OriginUrlAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var (code, url, _) = await GitCommand.RunAsync(repositoryRoot, ["config", "--get", "remote.origin.url"], cancellationToken).ConfigureAwait(false);
        return code == 0 && url.Trim() is { Length: > 0 } trimmed ? trimmed : null;
    }

    /// <summary>
    /// Copies one folder of the revision (as committed, or as on disk for a dirty run) under
    /// <paramref name="target"/>, keeping its relative path. Returns false when the revision has no such folder.
    /// </summary>
    public static async Task<bool> ExportFolderAsync(SourceRevision revision, string relativeFolder, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (await GitObjectReader.For(revision.RepositoryRoot).ReadAsync($"{revision.Commit}:{relativeFolder}", cancellationToken).ConfigureAwait(false) is null)
            return false;
        var start = new System.Diagnostics.ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-C", revision.RepositoryRoot, "archive", "--format=tar", revision.Commit, "--", relativeFolder })
            start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new SourceException("could not start git");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        // The base library's tar reader refuses entries that would land outside the target.
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(process.StandardOutput.BaseStream, target, overwriteFiles: false, cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new SourceException($"git archive failed: {(await errors.ConfigureAwait(false)).Split('\n')[0]}");
        return true;
    }

    private static async Task CopyWorkingTreeAsync(string root, string workspace, CancellationToken cancellationToken)
    {
        var list = await GitCommand.RunCheckedAsync(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
        foreach (var relative in list.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(root, relative);
            var info = new FileInfo(source);
            var target = Path.Combine(workspace, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (info.LinkTarget is { } link)
                File.CreateSymbolicLink(target, link); // copied as a link, never followed
            else if (info.Exists)
                File.Copy(source, target);
        }
    }
}
