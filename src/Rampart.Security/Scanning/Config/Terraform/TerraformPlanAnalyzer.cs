namespace Rampart.Security.Scanning.Config.Terraform;

internal sealed class TerraformPlanAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type == ConfigFileType.TerraformPlan;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
    }
}
