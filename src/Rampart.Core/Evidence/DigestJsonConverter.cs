using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rampart.Core.Evidence;

/// <summary>A digest in JSON is its text form, <c>sha256:hex</c>, as in OCI and in-toto documents.</summary>
public sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Digest.TryParse(reader.GetString(), out var digest) ? digest : throw new JsonException($"'{reader.GetString()}' is not a sha256:… digest");

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
