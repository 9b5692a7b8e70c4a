using Rampart.Core.Evidence;

namespace Rampart.Core.Signing;

/// <summary>
/// One signed statement the engine made about a run: what it covers (an artifact name, or
/// <c>*</c> for all), the bundle's digest and where the bundle lies, relative to the state folder.
/// </summary>
public sealed record AttestationRecord(long RunId, AttestationKind Kind, string Subject, Digest BundleDigest, string BundlePath);
