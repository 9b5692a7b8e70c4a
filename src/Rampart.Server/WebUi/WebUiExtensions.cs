using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rampart.Server.WebUi.Pages;
using Rampart.Server.WebUi.Sessions;

namespace Rampart.Server.WebUi;

/// <summary>The web UI: one call for services, one to map its pages.</summary>
public static class WebUiExtensions
{
    /// <summary>
    /// Security headers on every response, data protection with keys in <paramref name="stateDirectory"/>
    /// (<c>keys/web</c>: replicas sharing the state folder share sessions), session tickets and anti-forgery.
    /// </summary>
    public static IServiceCollection AddWebUi(this IServiceCollection services, string stateDirectory)
    {
        services.AddTransient<IStartupFilter, SecurityHeaders>();
        services.AddDataProtection()
            .SetApplicationName("rampart-server")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(stateDirectory, "keys", "web")));
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = "__RequestVerificationToken";
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "rampart_af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<SessionTickets>();
        // The key ring sits unencrypted in the state folder beside the signing and ledger keys, under the same
        // file permissions; the warning data protection logs at every start about that says nothing new.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
        return services;
    }

    /// <summary>Signs in browser sessions (after bearer tokens) and maps every page; call after UseRampartAccess.</summary>
    public static WebApplication MapWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SessionMiddleware>();
        StaticAssets.Map(app);
        LoginPages.Map(app);
        AdminPages.Map(app);
        RunListPages.Map(app);
        RunPage.Map(app);
        LogPages.Map(app);
        SbomPage.Map(app);
        RulePage.Map(app);
        DeployPages.Map(app);
        InsightsPage.Map(app);
        return app;
    }
}
