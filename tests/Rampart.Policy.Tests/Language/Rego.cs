using Rampart.Policy.Values;

namespace Rampart.Policy.Tests.Language;

/// <summary>Small helpers: compile one module, run one query.</summary>
internal static class Rego
{
    public static RegoPolicy Compile(params string[] modules) =>
        RegoPolicy.Compile(modules.Select((m, i) => new RegoModuleSource($"m{i}.rego", m)));

    public static Value? Eval(string module, string query, string? inputJson = null) =>
        Compile(module).Prepare(query).Evaluate(new RegoQueryOptions { Input = inputJson is null ? null : ValueJson.Parse(inputJson) });

    public static string? Json(string module, string query, string? inputJson = null) =>
        Eval(module, query, inputJson) is { } v ? ValueJson.Serialize(v) : null;
}
