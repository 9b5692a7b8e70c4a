using System.Text.RegularExpressions;
using Rampart.Engine.Source;

namespace Rampart.Cli.Hosting;

/// <summary>
/// <c>OWNER/REPO</c> of a local repository, from its <c>origin</c> remote
/// (<c>https://host/owner/repo.git</c>, <c>git@host:owner/repo.git</c>, <c>ssh://git@host/owner/repo</c>).
/// Null without such a remote; the engine then uses <c>local/&lt;folder&gt;</c>.
/// </summary>
internal static partial class RepositoryName
{
    public static async Task<string?> FromOriginAsync(string repositoryRoot, CancellationToken cancellationToken) =>
        await GitSource.OriginUrlAsync(repositoryRoot, cancellationToken).ConfigureAwait(false) is { } url ? Parse(url) : null;

    public static string? Parse(string url)
    {
        var match = RemotePath().Match(url);
        return match.Success ? match.Groups["owner"].Value + "/" + match.Groups["repo"].Value : null;
    }

    /// <summary>True for <c>OWNER/REPO</c> with the characters git hosts allow.</summary>
    public static bool IsValid(string name) => Slug().IsMatch(name);

    [GeneratedRegex(@"[:/](?<owner>[A-Za-z0-9_.-]+)/(?<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex RemotePath();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex Slug();
}
