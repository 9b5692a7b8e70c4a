namespace Rampart.Security.Sbom.Model;

/// <summary>A content hash: <paramref name="Algorithm"/> in CycloneDX spelling (<c>SHA-512</c>), <paramref name="Hex"/> lower-case.</summary>
public sealed record ComponentHash(string Algorithm, string Hex);
