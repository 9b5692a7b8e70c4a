using Microsoft.AspNetCore.Http;
using Rampart.Server.Access;

namespace Rampart.Server.Api;

/// <summary>Who made an API call, as the ledger names them.</summary>
internal static class ApiCaller
{
    public static string Name(HttpContext context) => context.GetCaller() is { } caller ? "user/" + caller.Name : "anonymous";
}
