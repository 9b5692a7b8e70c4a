using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rampart.Cli.Output;
using Spectre.Console;

namespace Rampart.Cli.Commands.Remote;

/// <summary>Prints a server answer: as a table of chosen properties, or as the JSON itself.</summary>
internal static class RemoteOutput
{
    // Relaxed escaping: the JSON goes to a terminal or a pipe, not into HTML, and '+' in a time should read as '+'.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Print(JsonElement answer, OutputFormat format, params (string Header, string Property)[] columns)
    {
        if (format == OutputFormat.Json)
        {
            System.Console.Out.WriteLine(JsonSerializer.Serialize(answer, Indented));
            return;
        }

        var rows = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray().ToList() : [answer];
        var table = new Table().AddColumns(columns.Select(c => c.Header).ToArray());
        foreach (var row in rows)
            table.AddRow(columns.Select(c => Markup.Escape(Cell(row, c.Property))).ToArray());
        AnsiConsole.Write(table);
    }

    private static string Cell(JsonElement row, string property)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty(property, out var value))
            return "";
        return value.ValueKind switch
        {
            JsonValueKind.String when value.TryGetDateTimeOffset(out var time) && value.GetString()!.Contains('T', StringComparison.Ordinal) =>
                time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
    }
}
