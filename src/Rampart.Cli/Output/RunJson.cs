using System.Text.Json;
using System.Text.Json.Serialization;
using Rampart.Core.Runs;

namespace Rampart.Cli.Output;

/// <summary>The JSON shape of runs for <c>--format json</c>: camelCase, enums as lower-case words, digests as text.</summary>
internal static class RunJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(IReadOnlyList<RunRecord> runs) => JsonSerializer.Serialize(runs, Options);

    public static string Serialize(RunDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var shape = new
        {
            run = details.Run,
            jobs = details.Jobs,
            steps = details.Steps,
            artifacts = details.Artifacts.Select(a => new { a.Job, a.Name, digest = a.Digest.ToString(), a.Size }),
            findings = details.Findings,
        };
        return JsonSerializer.Serialize(shape, Options);
    }
}
