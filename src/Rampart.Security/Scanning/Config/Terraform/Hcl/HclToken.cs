namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>One token with its 1-based start position.</summary>
internal readonly record struct HclToken(HclTokenKind Kind, string Text, int Line, int Column);
