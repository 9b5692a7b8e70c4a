using Microsoft.AspNetCore.Http;

namespace Rampart.Server.Api;

/// <summary>Who made an API call, as the ledger names them.</summary>
internal static class ApiCaller
{
    public static string Name(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? "user/" + name : "anonymous";
}
