using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Rampart.Server.Access.Api;

/// <summary>The access API under <c>/api/v1</c>: users, their tokens, and roles per repository (docs/access.md).</summary>
public static class AccessApi
{
    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1");
        UserEndpoints.Map(api);
        TokenEndpoints.Map(api);
        RoleEndpoints.Map(api);
        return app;
    }
}
