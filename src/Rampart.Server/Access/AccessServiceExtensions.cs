using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Rampart.Server.Access;

/// <summary>Wires users, tokens and roles into the server: one call for services, one for the pipeline.</summary>
public static class AccessServiceExtensions
{
    /// <summary>Registers the token authenticator and the failed-authentication limiter (needs ServerOptions, ServiceDatabase, TimeProvider).</summary>
    public static IServiceCollection AddRampartAccess(this IServiceCollection services)
    {
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<TokenAuthenticator>();
        return services;
    }

    /// <summary>Authenticates bearer tokens on <c>/api/</c> routes; call before mapping endpoints.</summary>
    public static IApplicationBuilder UseRampartAccess(this IApplicationBuilder app) => app.UseMiddleware<AccessMiddleware>();
}
