using Rampart.Core.Evidence;

namespace Rampart.Security.Oci;

/// <summary>An OCI content descriptor: what a manifest or index points at.</summary>
public sealed record OciDescriptor(string MediaType, Digest Digest, long Size)
{
    public string? ArtifactType { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
