using System.Globalization;
using Rampart.Core.Service;
using Rampart.Core.Text;
using Rampart.Server.Access;

namespace Rampart.Server.Deployments;

/// <summary>The environment rules as plain functions: who may approve, whose approval is a self-approval, which branches may deploy.</summary>
internal static class DeployRules
{
    /// <summary>Null when a deploy from <paramref name="gitRef"/> may go to the environment; otherwise the one-line refusal.</summary>
    public static string? BranchRefusal(EnvironmentRecord environment, string gitRef)
    {
        if (environment.Branches.Count == 0)
            return null;
        var branch = gitRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? gitRef["refs/heads/".Length..] : null;
        if (branch is not null && environment.Branches.Any(glob => PathGlob.IsMatch(glob, branch)))
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"deploy refused: {(branch is null ? $"'{gitRef}' is not a branch" : $"branch '{branch}' is not allowed")} to deploy to {environment.Name} (allowed: {string.Join(", ", environment.Branches)})");
    }

    /// <summary>
    /// Why <paramref name="user"/> counts as the change's own author or trigger, or null. The trigger's
    /// actor is compared by name (a manual run's <c>user/NAME</c> too); the commit's author by name,
    /// e-mail address and the address's local part, all ignoring case — a wider match refuses more,
    /// never less.
    /// </summary>
    public static string? SelfApproval(string user, DeploymentRecord deployment)
    {
        var actor = deployment.Actor is { } a && a.StartsWith("user/", StringComparison.Ordinal) ? a["user/".Length..] : deployment.Actor;
        if (actor is not null && string.Equals(actor, user, StringComparison.OrdinalIgnoreCase))
            return $"self-approval refused: {user} triggered run {deployment.RunId}";
        if (deployment.Author is { } author && AuthorNames(author).Any(n => string.Equals(n, user, StringComparison.OrdinalIgnoreCase)))
            return $"self-approval refused: {user} authored commit {deployment.Commit[..Math.Min(12, deployment.Commit.Length)]} ({author})";
        return null;
    }

    /// <summary>Null when the caller is one of the environment's approvers; otherwise why not.</summary>
    public static string? NotAnApprover(Caller caller, EnvironmentRecord environment, string repository)
    {
        if (environment.Approvers.Count == 0 && environment.ApproverRole is null)
            return null;
        if (environment.Approvers.Contains(caller.Name, StringComparer.Ordinal))
            return null;
        // Admins hold every role everywhere; a named list of approvers is still a list of names.
        if (environment.ApproverRole is not null && caller.User.IsAdmin)
            return null;
        if (environment.ApproverRole is { } role && caller.Roles.Any(b => b.Role == role
                && (b.Repository == RoleBinding.AllRepositories || string.Equals(b.Repository, repository, StringComparison.Ordinal))))
            return null;
        var allowed = environment.Approvers.ToList();
        if (environment.ApproverRole is { } r)
            allowed.Add("role " + r.ToString().ToLowerInvariant());
        return $"forbidden: {caller.Name} is not an approver of {repository} {environment.Name} (approvers: {string.Join(", ", allowed)})";
    }

    /// <summary>The distinct approvals, and the first rejection if any.</summary>
    public static (int Approvals, ApprovalRecord? Rejection) Tally(IReadOnlyList<ApprovalRecord> decisions)
    {
        var approvals = decisions.Where(d => d.Approved).Select(d => d.User).Distinct(StringComparer.Ordinal).Count();
        return (approvals, decisions.FirstOrDefault(d => !d.Approved));
    }

    private static IEnumerable<string> AuthorNames(string author)
    {
        var open = author.LastIndexOf('<');
        var close = author.LastIndexOf('>');
        if (open < 0 || close < open)
        {
            yield return author.Trim();
            yield break;
        }

        yield return author[..open].Trim();
        var email = author[(open + 1)..close].Trim();
        yield return email;
        if (email.IndexOf('@', StringComparison.Ordinal) is var at and > 0)
            yield return email[..at];
    }
}
