using Npgsql;
using NpgsqlTypes;

namespace Rampart.Store.Postgres;

/// <summary>
/// Typed parameters and column reads. Timestamps are <c>timestamptz</c> written in UTC (microsecond
/// precision); enums are stored by name, as in the SQLite file; string lists are <c>text[]</c>.
/// </summary>
internal static class PgColumns
{
    /// <summary>A non-null value whose PostgreSQL type follows from its .NET type (string, long, int).</summary>
    public static void Value<T>(this NpgsqlParameterCollection p, string name, T value) =>
        p.Add(new NpgsqlParameter<T>(name, value));

    public static void Text(this NpgsqlParameterCollection p, string name, string? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    public static void Time(this NpgsqlParameterCollection p, string name, DateTimeOffset? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value });

    public static void Int(this NpgsqlParameterCollection p, string name, int? value) =>
        p.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value is { } v ? v : DBNull.Value });

    public static void Long(this NpgsqlParameterCollection p, string name, long value) =>
        p.Add(new NpgsqlParameter<long>(name, NpgsqlDbType.Bigint) { TypedValue = value });

    public static void Bool(this NpgsqlParameterCollection p, string name, bool value) =>
        p.Add(new NpgsqlParameter<bool>(name, NpgsqlDbType.Boolean) { TypedValue = value });

    public static void List(this NpgsqlParameterCollection p, string name, IEnumerable<string> values) =>
        p.Add(new NpgsqlParameter<string[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] });

    public static void Name<TEnum>(this NpgsqlParameterCollection p, string name, TEnum value)
        where TEnum : struct, Enum => p.Text(name, value.ToString());

    public static DateTimeOffset ReadTime(NpgsqlDataReader r, int ordinal) => r.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? ReadNullableTime(NpgsqlDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : r.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? ReadNullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    public static int? ReadNullableInt(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt32(ordinal);

    public static IReadOnlyList<string> ReadList(NpgsqlDataReader r, int ordinal) => r.GetFieldValue<string[]>(ordinal);

    public static TEnum ReadName<TEnum>(NpgsqlDataReader r, int ordinal)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(r.GetString(ordinal), ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"unknown {typeof(TEnum).Name} '{r.GetString(ordinal)}' in the service database");
}
