using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Rampart.Store.Sqlite.Service;

/// <summary>Column conversions the service tables add to <see cref="Columns"/>: string lists as JSON arrays, booleans as 0/1.</summary>
internal static class ServiceColumns
{
    public static string List(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadList(SqliteDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal))
        ?? throw new InvalidDataException("null label list in the service database");

    public static long Flag(bool value) => value ? 1 : 0;

    public static bool ReadFlag(SqliteDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;
}
