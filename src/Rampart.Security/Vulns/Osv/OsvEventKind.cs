namespace Rampart.Security.Vulns.Osv;

public enum OsvEventKind
{
    Introduced = 0,
    Fixed = 1,
    LastAffected = 2,
    Limit = 3,
}
