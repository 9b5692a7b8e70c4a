using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite;

/// <summary>
/// Conversions between records and column values. Timestamps are ISO-8601 UTC text with seven
/// fractional digits (fixed width, so text order is time order); enums are stored by name so the
/// file reads clearly in any SQLite shell and survives reordering of enum members.
/// </summary>
internal static class Columns
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static object Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static object Timestamp(DateTimeOffset? value) =>
        value is { } v ? Timestamp(v) : DBNull.Value;

    public static object Nullable(string? value) => value is null ? DBNull.Value : value;

    public static object Nullable(int? value) => value is { } v ? v : DBNull.Value;

    public static object Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString();

    public static DateTimeOffset ReadTimestamp(SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ReadNullableTimestamp(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReadTimestamp(reader, ordinal);

    public static string? ReadNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? ReadNullableInt(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static TEnum ReadName<TEnum>(SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(reader.GetString(ordinal), ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"unknown {typeof(TEnum).Name} '{reader.GetString(ordinal)}' in the run database");
}
