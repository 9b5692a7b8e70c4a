using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Policy;
using Rampart.Policy.Values;

namespace Rampart.Cli.Commands;

/// <summary>OPA's <c>--format json</c> result document: result[].expressions[].value/text and bindings.</summary>
internal static class EvalJson
{
    public static string Render(string query, IReadOnlyList<RegoSolution> results)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            if (results.Count > 0)
            {
                var texts = query.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                w.WriteStartArray("result");
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteStartArray("expressions");
                    for (var i = 0; i < r.Expressions.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("value");
                        ValueJson.Write(w, r.Expressions[i]);
                        w.WriteString("text", i < texts.Length ? texts[i] : query);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    if (r.Bindings.Count > 0)
                    {
                        w.WriteStartObject("bindings");
                        foreach (var (k, v) in r.Bindings.OrderBy(b => b.Key, StringComparer.Ordinal))
                        {
                            w.WritePropertyName(k);
                            ValueJson.Write(w, v);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
