using System.Text.Json;
using Rampart.Core.Tests.Interop;

namespace Rampart.Security.Tests.Ledger;

/// <summary>Loads the transparency-dev proof vectors from the shared test data.</summary>
public static class MerkleVectors
{
    public static string Folder(string kind) => Path.Combine(RepoPaths.TestData, "merkle", kind);

    /// <summary>Every vector file of a kind, as paths relative to its folder (xunit shows them as case names).</summary>
    public static TheoryData<string> Files(string kind)
    {
        var folder = Folder(kind);
        var data = new TheoryData<string>();
        if (!Directory.Exists(folder))
        {
            data.Add("<missing test data: " + folder + ">");
            return data;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(folder, file));
        return data;
    }

    public static JsonElement Load(string kind, string relative)
    {
        var path = RepoPaths.TestDataFile("merkle", kind, relative);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static byte[] Bytes(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Convert.FromBase64String(value.GetString()!) : [];

    public static List<byte[]> Proof(JsonElement element) =>
        element.TryGetProperty("proof", out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))]
            : [];
}
