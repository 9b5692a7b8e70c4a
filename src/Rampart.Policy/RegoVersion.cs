namespace Rampart.Policy;

/// <summary>Rego syntax: v1 (OPA 1.0's default, <c>if</c>/<c>contains</c> required) or v0 (older rule forms).</summary>
public enum RegoVersion
{
    V1 = 0,
    V0 = 1,
}
