using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>An artifact fetched from a registry (bytes already digest-checked) and its referrers' contents.</summary>
public sealed record PulledArtifact(Digest Manifest, string? FileName, Digest ContentDigest, IReadOnlyList<OciAttachment> Attachments);
