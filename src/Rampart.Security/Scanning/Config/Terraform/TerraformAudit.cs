namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>Runs every Terraform audit on a module.</summary>
internal static class TerraformAudit
{
    public static void Run(TfModule module, TfHits hits)
    {
        S3Audit.Run(module, hits);
        NetworkAudit.Run(module, hits);
        ComputeAudit.Run(module, hits);
        IamAudit.Run(module, hits);
    }
}
