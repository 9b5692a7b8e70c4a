namespace Rampart.Security.Scanning.Config;

/// <summary>The families of configuration the misconfiguration scanner understands.</summary>
public enum ConfigKind
{
    /// <summary>Findings about the scan itself (unreadable files, suppressions without a reason).</summary>
    General = 0,

    /// <summary>GitHub Actions workflows and composite actions, GitLab CI, Rampart's own pipeline file.</summary>
    Workflow = 1,

    Kubernetes = 2,

    Dockerfile = 3,

    Terraform = 4,
}
