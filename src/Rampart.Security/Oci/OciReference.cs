using System.Text.RegularExpressions;
using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>
/// <c>REGISTRY/REPOSITORY[:TAG][@sha256:HEX]</c>, as in the OCI distribution spec. The registry
/// part must be present (a host with a dot or a port, or <c>localhost</c>): no implicit default registry.
/// </summary>
public sealed partial record OciReference(string Registry, string Repository, string? Tag, Digest? Digest)
{
    /// <summary>The tag or digest to ask the registry for (the digest wins when both are given).</summary>
    public string Reference => Digest?.ToString() ?? Tag ?? "latest";

    /// <summary>True for registries on this machine, which are spoken to over plain HTTP.</summary>
    public bool IsLoopback => Host is "localhost" or "127.0.0.1" or "[::1]";

    private string Host => Registry.StartsWith('[') ? Registry[..(Registry.IndexOf(']', StringComparison.Ordinal) + 1)] : Registry.Split(':')[0];

    public static OciReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text);
        if (!match.Success)
            throw new FormatException($"'{text}' is not REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST] (for example 127.0.0.1:5000/team/app:1.0)");
        var registry = match.Groups["registry"].Value;
        if (!registry.Contains('.', StringComparison.Ordinal) && !registry.Contains(':', StringComparison.Ordinal) && registry != "localhost")
            throw new FormatException($"'{text}' names no registry host; write it in full, e.g. registry.example/{text}");
        Digest? digest = null;
        if (match.Groups["digest"].Success)
        {
            if (!Rampart.Core.Evidence.Digest.TryParse(match.Groups["digest"].Value, out var parsed))
                throw new FormatException($"'{match.Groups["digest"].Value}' is not a sha256 digest");
            digest = parsed;
        }

        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        return new OciReference(registry, match.Groups["repo"].Value, tag ?? (digest is null ? "latest" : null), digest);
    }

    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    [GeneratedRegex(@"^(?<registry>[a-zA-Z0-9.-]+(:[0-9]+)?|\[[0-9a-fA-F:]+\](:[0-9]+)?)/(?<repo>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
