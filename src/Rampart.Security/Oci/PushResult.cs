using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>What a push wrote: the artifact manifest's digest, each referrer's, and whether the fallback tag was used.</summary>
public sealed record PushResult(Digest Manifest, IReadOnlyList<Digest> Referrers, bool UsedFallbackTag);
