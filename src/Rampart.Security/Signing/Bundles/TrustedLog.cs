using Rampart.Security.Signing.Keys;

namespace Rampart.Security.Signing.Bundles;

/// <summary>A transparency log the root trusts: its key id (SHA-256 of its SPKI), key and validity.</summary>
public sealed record TrustedLog(ReadOnlyMemory<byte> KeyId, VerificationKey Key, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool ValidAt(DateTimeOffset time) => time >= Start && (End is null || time <= End);
}
