using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Access;

// Placeholder until the access module lands; replaced by it.
public enum Right
{
    ReadRuns,
    StartRuns,
    CancelRuns,
    ManageRepository,
    ManageSecrets,
    ApproveDeploy,
    ManageUsers,
    ManageRunners,
    ReadLedger,
}

public static class AccessCheck
{
    public static IResult? Deny(HttpContext context, Right permission, string? repository)
    {
        _ = context;
        _ = permission;
        _ = repository;
        return null;
    }
}
