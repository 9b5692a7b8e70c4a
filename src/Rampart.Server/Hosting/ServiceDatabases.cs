using Rampart.Core.Service;
using Rampart.Store.Postgres;
using Rampart.Store.Sqlite.Service;

namespace Rampart.Server.Hosting;

/// <summary>Opens the database the <c>database</c> setting names, applying its migrations.</summary>
public static class ServiceDatabases
{
    public static async Task<ServiceDatabase> OpenAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.Database switch
            {
                "sqlite" => SqliteServiceDatabase.Open(Path.Combine(options.StateDirectory, "service.db")),
                var s when s.StartsWith("sqlite:", StringComparison.Ordinal) => SqliteServiceDatabase.Open(s["sqlite:".Length..]),
                var s => await PostgresServiceDatabase.OpenAsync(s["postgres:".Length..], cancellationToken).ConfigureAwait(false),
            };
        }
        catch (PostgresUnavailableException e)
        {
            throw new ServerConfigurationException("database: " + e.Message, e);
        }
    }

    /// <summary>The setting without a password, for start-up messages.</summary>
    public static string Describe(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Database == "sqlite")
            return "sqlite " + Path.Combine(options.StateDirectory, "service.db");
        if (options.Database.StartsWith("sqlite:", StringComparison.Ordinal))
            return "sqlite " + options.Database["sqlite:".Length..];
        var parts = options.Database["postgres:".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase));
        return "postgres " + string.Join(';', parts);
    }
}
