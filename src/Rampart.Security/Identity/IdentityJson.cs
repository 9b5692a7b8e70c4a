using System.Text.Json.Serialization;

namespace Rampart.Security.Identity;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, RespectNullableAnnotations = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, string>), TypeInfoPropertyName = "DictionaryStringString")]
[JsonSerializable(typeof(SigningKeyFile))]
[JsonSerializable(typeof(IssuerSettings))]
internal sealed partial class IdentityJson : JsonSerializerContext;
