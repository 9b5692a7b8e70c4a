using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Rampart.Server.Access.Api;

namespace Rampart.Server.Access;

/// <summary>Wires users, tokens and roles into the server: one call for services, one for the pipeline.</summary>
public static class AccessServiceExtensions
{
    /// <summary>Registers the token authenticator and the failed-authentication limiter (needs ServerOptions, ServiceDatabase, TimeProvider).</summary>
    public static IServiceCollection AddRampartAccess(this IServiceCollection services)
    {
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<TokenAuthenticator>();
        services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AccessJsonContext.Default));
        return services;
    }

    /// <summary>Authenticates bearer tokens on <c>/api/</c> routes; call before mapping endpoints.</summary>
    public static IApplicationBuilder UseRampartAccess(this IApplicationBuilder app) => app.UseMiddleware<AccessMiddleware>();
}
