using System.Security.Cryptography.X509Certificates;

namespace Rampart.Security.Signing.Bundles;

/// <summary>A certificate authority the root trusts: its chain (leaf-most first, root last) and validity.</summary>
public sealed record TrustedAuthority(IReadOnlyList<X509Certificate2> Chain, DateTimeOffset Start, DateTimeOffset? End)
{
    public bool ValidAt(DateTimeOffset time) => time >= Start && (End is null || time <= End);
}
