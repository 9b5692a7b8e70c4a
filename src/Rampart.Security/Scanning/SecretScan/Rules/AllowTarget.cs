namespace Rampart.Security.Scanning.SecretScan.Rules;

/// <summary>What an allowlist regex is matched against.</summary>
public enum AllowTarget
{
    Secret = 0,
    Match = 1,
    Line = 2,
}
