using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rampart.Security.Vault;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(VaultEntry))]
[JsonSerializable(typeof(string?[]), TypeInfoPropertyName = "StringArray")]
internal sealed partial class VaultJson : JsonSerializerContext
{
    public static byte[] Serialize(VaultEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, Default.VaultEntry);

    /// <summary>Null-free parse; a truncated or edited file throws <see cref="JsonException"/>.</summary>
    public static VaultEntry Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, Default.VaultEntry) ?? throw new JsonException("the entry is null");
}
