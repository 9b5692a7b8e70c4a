using Rampart.Core.Secrets;
using Rampart.Core.Text;

namespace Rampart.Security.Vault;

/// <summary>
/// Where a secret may be handed out. Null parts match anything. <see cref="Repository"/> and
/// <see cref="Branch"/> are globs (<c>*</c> within a <c>/</c> segment, <c>**</c> across, <c>?</c> one
/// character); <see cref="Environment"/> is an exact name, and a secret that names one is only
/// visible to jobs that declare that environment.
/// </summary>
public sealed record VaultScope(string? Repository, string? Environment, string? Branch)
{
    public static VaultScope Any { get; } = new(null, null, null);

    public bool Matches(SecretScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (Repository is not null && !PathGlob.IsMatch(Repository, scope.Repository))
            return false;
        if (Environment is not null && !string.Equals(Environment, scope.Environment, StringComparison.Ordinal))
            return false;
        return Branch is null || (scope.Branch is { } branch && PathGlob.IsMatch(Branch, branch));
    }

    /// <summary>Higher wins when several secrets of one name match: environment, then repository, then branch.</summary>
    public int Specificity => (Environment is null ? 0 : 4) + (Repository is null ? 0 : 2) + (Branch is null ? 0 : 1);

    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Repository is not null)
            parts.Add("repo=" + Repository);
        if (Environment is not null)
            parts.Add("env=" + Environment);
        if (Branch is not null)
            parts.Add("branch=" + Branch);
        return parts.Count == 0 ? "any" : string.Join(',', parts);
    }
}
