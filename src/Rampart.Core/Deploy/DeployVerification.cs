namespace Rampart.Core.Deploy;

/// <summary>The verdict before a deploy: allowed, or refused with the first reason.</summary>
public sealed record DeployVerification(bool Allowed, string Reason)
{
    public static DeployVerification Refuse(string reason) => new(false, reason);
}
