namespace Rampart.Security.Signing.Bundles;

/// <summary>A signature over an artifact's bytes, with the artifact's SHA-256 as a (non-authoritative) hint.</summary>
public sealed record MessageSignature(ReadOnlyMemory<byte> Sha256, ReadOnlyMemory<byte> Signature);
