using System.Globalization;
using Rampart.Core.Service;

namespace Rampart.Server.Deployments;

/// <summary>Checks an environment's settings; every error is one line naming the field and what is allowed.</summary>
internal static class EnvironmentValidation
{
    public const int MaxWaitTimerSeconds = 30 * 24 * 3600;

    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= 64 } && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    /// <summary>The record to store, or the error.</summary>
    public static (EnvironmentRecord? Record, string? Error) Build(long repositoryId, string name, EnvironmentSettings body, IReadOnlySet<string> knownUsers, DateTimeOffset now, string by)
    {
        if (!IsName(name))
            return (null, $"name: '{name}' must be 1-64 characters a-z 0-9 - _ . starting with a letter or digit");
        var approvers = body.Approvers ?? [];
        if (approvers.FirstOrDefault(a => !knownUsers.Contains(a)) is { } unknown)
            return (null, $"approvers: no user '{unknown}'");
        Role? role = null;
        if (body.ApproverRole is { } roleText)
        {
            if (!Enum.TryParse<Role>(roleText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || roleText.Any(char.IsDigit))
                return (null, $"approverRole: '{roleText}' is not one of viewer, developer, maintainer, deployer, admin");
            role = parsed;
        }

        var required = body.RequiredApprovals ?? (approvers.Count > 0 || role is not null ? 1 : 0);
        if (required is < 0 or > 10)
            return (null, "requiredApprovals: 0 to 10");
        if (required > 0 && role is null && approvers.Count > 0 && approvers.Distinct(StringComparer.Ordinal).Count() < required)
            return (null, string.Create(CultureInfo.InvariantCulture, $"requiredApprovals: {required}, but only {approvers.Distinct(StringComparer.Ordinal).Count()} approver(s) are listed"));
        var wait = body.WaitTimerSeconds ?? 0;
        if (wait < 0 || wait > MaxWaitTimerSeconds)
            return (null, string.Create(CultureInfo.InvariantCulture, $"waitTimerSeconds: 0 to {MaxWaitTimerSeconds}"));
        var branches = body.Branches ?? [];
        if (branches.FirstOrDefault(b => b.Length is 0 or > 200 || b.Any(char.IsControl) || b.Contains(' ', StringComparison.Ordinal)) is { } badBranch)
            return (null, $"branches: '{badBranch}' is not a branch glob (1-200 characters, no spaces)");
        if (body.GitOps is { } gitOps && GitOpsError(gitOps) is { } gitOpsError)
            return (null, "gitOps." + gitOpsError);

        return (new EnvironmentRecord
        {
            RepositoryId = repositoryId, Name = name, Approvers = [.. approvers.Distinct(StringComparer.Ordinal)], ApproverRole = role,
            RequiredApprovals = required, PreventSelfApproval = body.PreventSelfApproval ?? true, WaitTimerSeconds = wait,
            Branches = branches, SupersedeQueued = body.SupersedeQueued ?? true, GitOps = body.GitOps, UpdatedAt = now, UpdatedBy = by,
        }, null);
    }

    private static string? GitOpsError(GitOpsTarget target)
    {
        if (target.Repository is not { Length: > 0 and <= 2000 } repository || repository.StartsWith('-') || repository.Any(char.IsControl)
            || !(Path.IsPathRooted(repository) || (Uri.TryCreate(repository, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "file")))
            return $"repository: '{target.Repository}' is not an absolute path or an https://, http://, ssh:// or file:// URL";
        if (target.Branch is not { Length: > 0 and <= 200 } branch || branch.StartsWith('-') || branch.StartsWith('/') || branch.EndsWith('/')
            || branch.EndsWith(".lock", StringComparison.Ordinal) || branch.Contains("..", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
            || branch.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\' or '@'))
            return $"branch: '{target.Branch}' is not a valid branch name";
        if (target.Directory is not { Length: > 0 and <= 500 } directory || directory.StartsWith('/') || directory.Contains('\\', StringComparison.Ordinal)
            || directory.Any(char.IsControl) || directory.TrimEnd('/').Split('/').Any(p => p is "" or "." or ".." or ".git"))
            return $"directory: '{target.Directory}' is not a relative folder inside the repository (no '..', no '.git')";
        if (target.Artifacts is not { Length: > 0 and <= 500 } artifacts || artifacts.Any(char.IsControl))
            return "artifacts: a glob over the run's artifact paths, e.g. deploy/*.yaml";
        return null;
    }
}
