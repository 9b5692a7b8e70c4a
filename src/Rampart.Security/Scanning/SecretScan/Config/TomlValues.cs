using System.Globalization;
using Rampart.Security.Scanning.SecretScan.Engine;
using Tomlyn.Model;

namespace Rampart.Security.Scanning.SecretScan.Config;

/// <summary>Typed reads from a TOML table with one-line errors that name the file and the key.</summary>
internal sealed class TomlValues(string source)
{
    public string Source { get; } = source;

    public string? String(TomlTable table, string key, string where) => table.TryGetValue(key, out var value)
        ? value as string ?? throw Error(where, key, "a string")
        : null;

    public bool? Bool(TomlTable table, string key, string where) => table.TryGetValue(key, out var value)
        ? value as bool? ?? throw Error(where, key, "true or false")
        : null;

    public double? Number(TomlTable table, string key, string where) => table.TryGetValue(key, out var value)
        ? value switch
        {
            long l => l,
            double d => d,
            _ => throw Error(where, key, "a number"),
        }
        : null;

    public int? Int(TomlTable table, string key, string where) => table.TryGetValue(key, out var value)
        ? value is long l && l is >= 0 and <= 1000 ? (int)l : throw Error(where, key, "a small whole number")
        : null;

    public IReadOnlyList<string>? Strings(TomlTable table, string key, string where)
    {
        if (!table.TryGetValue(key, out var value))
            return null;
        if (value is not TomlArray array)
            throw Error(where, key, "a list of strings");
        return [.. array.Select(v => v as string ?? throw Error(where, key, "a list of strings"))];
    }

    public IReadOnlyList<TomlTable> Tables(TomlTable table, string key, string where) => table.TryGetValue(key, out var value)
        ? value switch
        {
            TomlTableArray tables => [.. tables],
            TomlTable single => [single],
            _ => throw Error(where, key, "a table"),
        }
        : [];

    public SecretConfigException Error(string where, string key, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Source}: {where}: '{key}' must be {expected}"));

    public SecretConfigException Error(string where, string message) => new($"{Source}: {where}: {message}");
}
