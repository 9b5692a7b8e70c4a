using Rampart.Policy.Values;
using YamlDotNet.RepresentationModel;

namespace Rampart.Policy.Tests.Conformance;

/// <summary>Runs OPA's conformance cases (opa/&lt;category&gt;/*.yaml) as OPA's own test runner does.</summary>
internal static class OpaCases
{
    public static IEnumerable<CaseResult> Run(string root)
    {
        foreach (var file in Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            var category = rel.Split('/')[0];
            var index = 0;
            if (LoadFailure(file, out var lf))
                yield return new CaseResult("opa", category, $"opa/{rel}#load", "", false, "YAML loader: " + lf);
            foreach (var node in CaseYaml.TryCases(file, out var loadError).Children.Cast<YamlMappingNode>())
            {
                var id = $"opa/{rel}#{index++}";
                var note = CaseYaml.Str(node, "note") ?? "";
                string? failure;
                try
                {
                    failure = RunOne(node);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failure = "crash: " + e.GetType().Name + ": " + e.Message;
                }

                yield return new CaseResult("opa", category, id, note, failure is null, failure ?? "");
            }
        }
    }

    internal static bool LoadFailure(string file, out string error)
    {
        CaseYaml.TryCases(file, out var e);
        error = e ?? "";
        return e is not null;
    }

    private static string? RunOne(YamlMappingNode c)
    {
        var modules = CaseYaml.Strings(c, "modules").Select((m, i) => new RegoModuleSource($"test-{i}.rego", m)).ToList();
        var wantCode = CaseYaml.Str(c, "want_error_code");
        var wantError = CaseYaml.Get(c, "want_error") is YamlScalarNode we ? we.Value ?? "" : null;
        var expectError = wantCode is not null || wantError is not null;
        try
        {
            var policy = RegoPolicy.Compile(modules);
            var data = CaseYaml.Get(c, "data") is { } d ? CaseYaml.ToValue(d) : null;
            Value? input = null;
            if (CaseYaml.Get(c, "input") is { } inputNode)
                input = CaseYaml.ToValue(inputNode);
            else if (CaseYaml.Str(c, "input_term") is { } term)
                input = RegoPolicy.Compile([]).Prepare("__input := " + term).Run()[0].Bindings["__input"];
            var options = new RegoQueryOptions
            {
                Input = input,
                Data = data is ObjectValue ? data : ObjectValue.Empty,
                StrictBuiltinErrors = CaseYaml.Flag(c, "strict_error"),
            };
            var solutions = policy.Query(CaseYaml.Str(c, "query") ?? "", options);
            if (expectError)
                return $"expected error {wantCode} {wantError}, got {solutions.Count} result(s)";
            var sort = CaseYaml.Flag(c, "sort_bindings");
            var actual = solutions.Select(s => Json(ObjectValue.Of(s.Bindings.Select(kv => new KeyValuePair<Value, Value>(new StringValue(kv.Key), sort ? Sorted(ValueJson.Parse(ValueJson.Serialize(kv.Value))) : kv.Value))))).Order(StringComparer.Ordinal).ToList();
            var expected = CaseYaml.Get(c, "want_result") is YamlSequenceNode want
                ? want.Children.Select(w => CaseYaml.ToValue(w)!).Select(v => Json(sort ? SortedBindings(v) : v)).Order(StringComparer.Ordinal).ToList()
                : [];
            return actual.SequenceEqual(expected) ? null : $"want [{string.Join(", ", expected)}] got [{string.Join(", ", actual)}]";
        }
        catch (RegoException e)
        {
            if (!expectError)
                return "unexpected error: " + e.Message;
            if (wantCode is not null && e.Code != wantCode)
                return $"want code {wantCode}, got {e.Message}";
            if (!string.IsNullOrEmpty(wantError) && !e.Message.Contains(wantError, StringComparison.Ordinal))
                return $"want message containing '{wantError}', got {e.Message}";
            return null;
        }
    }

    private static string Json(Value v) => ValueJson.Serialize(ValueJson.Parse(ValueJson.Serialize(v)));

    private static Value Sorted(Value v) => v is ArrayValue a ? new ArrayValue(a.Items.Order().ToList()) : v;

    private static Value SortedBindings(Value v) => v is ObjectValue o ? ObjectValue.Of(o.Sorted.Select(kv => new KeyValuePair<Value, Value>(kv.Key, Sorted(ValueJson.Parse(ValueJson.Serialize(kv.Value)))))) : v;
}
