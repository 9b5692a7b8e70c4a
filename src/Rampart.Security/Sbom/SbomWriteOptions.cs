namespace Rampart.Security.Sbom;

/// <summary>What an SBOM writer stamps on the document: the tool, and the unique serial number / namespace id.</summary>
public sealed record SbomWriteOptions(string ToolName, string ToolVersion, Guid SerialNumber)
{
    public static SbomWriteOptions Create(string toolVersion) => new("rampart", toolVersion, Guid.NewGuid());
}
