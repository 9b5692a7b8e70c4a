namespace Rampart.Security.Scanning.Config;

/// <summary>Parts of a container image reference (<c>registry:5000/team/app:1.2@sha256:…</c>).</summary>
internal static class ImageReference
{
    /// <summary>The tag, or null when there is none (a port in the registry name is not a tag).</summary>
    public static string? Tag(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? image : image[..at];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null;
    }

    public static bool HasDigest(string image) => image.Contains("@sha256:", StringComparison.Ordinal) || image.Contains("@sha512:", StringComparison.Ordinal);
}
