using System.Net.Sockets;
using Npgsql;

namespace Rampart.Store.Postgres;

/// <summary>
/// Parses a connection string and turns connection failures into one clear line that names host,
/// port, database and user, never the password.
/// </summary>
internal static class PgConnectionStrings
{
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The connection string may hold a password: the message names only what is wrong with it.
            throw new PostgresUnavailableException($"the PostgreSQL connection string is not valid: {e.Message}");
        }

        // Names the replicas' sessions in pg_stat_activity, unless the operator chose a name.
        builder.ApplicationName ??= "rampart";
        return builder;
    }

    /// <summary>Whether <paramref name="e"/> means the server could not be reached or refused us.</summary>
    public static bool IsUnavailable(Exception e) => e is NpgsqlException or SocketException or TimeoutException;

    public static PostgresUnavailableException Unavailable(NpgsqlConnectionStringBuilder builder, Exception e) =>
        new($"cannot use PostgreSQL at {Where(builder)}: {OneLine(e)}", e);

    public static string Where(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}, database '{builder.Database ?? builder.Username}' as user '{builder.Username}'";

    private static string OneLine(Exception e)
    {
        var message = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : (e.InnerException ?? e).Message;
        return message.ReplaceLineEndings(" ");
    }
}
