using Rampart.Core.Text;

namespace Rampart.Engine.Pipeline;

/// <summary>Branch globs (<c>main</c>, <c>release/*</c>); an empty list matches every branch.</summary>
public sealed record BranchFilter(IReadOnlyList<string> Branches)
{
    /// <summary>
    /// True when <paramref name="branch"/> (a short name such as <c>release/1.2</c>, not
    /// <c>refs/heads/…</c>) matches any of the globs.
    /// </summary>
    public bool Matches(string branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        return Branches.Count == 0 || Branches.Any(glob => PathGlob.IsMatch(glob, branch));
    }
}
