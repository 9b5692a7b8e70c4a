using Npgsql;

namespace Rampart.Store.Postgres;

/// <summary>Runs parameterised statements on pooled connections of one <see cref="NpgsqlDataSource"/>.</summary>
internal sealed class PgConnector(NpgsqlDataSource dataSource)
{
    /// <summary>unique_violation.</summary>
    public static bool IsUniqueViolation(PostgresException exception) => exception.SqlState == PostgresErrorCodes.UniqueViolation;

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        bind(command.Parameters);
        return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                list.Add(read(reader));
        }
        return list;
    }
}
