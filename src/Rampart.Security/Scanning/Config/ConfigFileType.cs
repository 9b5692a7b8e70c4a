namespace Rampart.Security.Scanning.Config;

/// <summary>What a scanned file was recognised as.</summary>
public enum ConfigFileType
{
    Unknown = 0,
    GitHubWorkflow,
    GitHubAction,
    GitLabCi,
    RampartPipeline,
    Kubernetes,
    Dockerfile,
    Terraform,
    TerraformPlan,
}
