using System.Text.RegularExpressions;

namespace Rampart.Server.Access;

/// <summary>What user and repository names may look like in the access API.</summary>
internal static partial class AccessNames
{
    /// <summary>Stands for the caller in <c>/api/v1/users/me/…</c>, so no user may be called that.</summary>
    public const string Me = "me";

    public const string UserRule = "1 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static bool IsValidUser(string? name) => name is not null && name != Me && UserPattern().IsMatch(name);

    public static bool IsValidRepository(string owner, string repo) =>
        SegmentPattern().IsMatch(owner) && SegmentPattern().IsMatch(repo) && owner is not ("." or "..") && repo is not ("." or "..");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
