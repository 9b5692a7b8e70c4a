using Npgsql;

namespace Rampart.Store.Postgres;

/// <summary>
/// Opens the database of one of the server's stores kept in PostgreSQL (the ledger, the vault). With
/// <c>create</c> the schema is migrated first, as <c>rampart server</c> does; without it, a database
/// that lacks the store's table is refused, so a command pointed at the wrong database says so
/// instead of reading nothing. Failures are one clear line that never holds the password.
/// </summary>
internal static class PgStoreDatabase
{
    /// <summary>The data source and where it points (host, port, database; no secret); <paramref name="table"/> is one the store's migration creates.</summary>
    public static async Task<(NpgsqlDataSource DataSource, string Location)> OpenAsync(string connectionString, bool create, string table, string what,
        CancellationToken cancellationToken)
    {
        var builder = PgConnectionStrings.Parse(connectionString);
        var location = $"postgres {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            if (create)
            {
                await PostgresSchema.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var command = dataSource.CreateCommand("SELECT to_regclass(@table) IS NOT NULL;");
                command.Parameters.AddWithValue("table", table);
                if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    throw new PostgresUnavailableException($"{PgConnectionStrings.Where(builder)}: holds no {what} (a rampart server on this database creates it)");
            }

            return (dataSource, location);
        }
        catch (Exception e) when (PgConnectionStrings.IsUnavailable(e))
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw PgConnectionStrings.Unavailable(builder, e);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
