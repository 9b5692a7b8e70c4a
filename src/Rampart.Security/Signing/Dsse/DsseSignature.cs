namespace Rampart.Security.Signing.Dsse;

/// <summary>One signature of an envelope: DER ECDSA bytes and an optional key id.</summary>
public sealed record DsseSignature(ReadOnlyMemory<byte> Signature, string? KeyId);
