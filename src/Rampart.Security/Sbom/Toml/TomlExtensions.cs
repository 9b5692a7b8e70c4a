namespace Rampart.Security.Sbom.Toml;

/// <summary>Typed access to the dictionaries <see cref="TomlReader"/> returns.</summary>
public static class TomlExtensions
{
    public static string? Str(this Dictionary<string, object?>? table, string key) =>
        table is not null && table.TryGetValue(key, out var v) ? v as string : null;

    public static Dictionary<string, object?>? Table(this Dictionary<string, object?>? table, string key) =>
        table is not null && table.TryGetValue(key, out var v) ? v as Dictionary<string, object?> : null;

    public static IEnumerable<Dictionary<string, object?>> Tables(this Dictionary<string, object?>? table, string key) =>
        table is not null && table.TryGetValue(key, out var v) && v is List<object?> list ? list.OfType<Dictionary<string, object?>>() : [];

    public static IEnumerable<object?> List(this Dictionary<string, object?>? table, string key) =>
        table is not null && table.TryGetValue(key, out var v) && v is List<object?> list ? list : [];
}
