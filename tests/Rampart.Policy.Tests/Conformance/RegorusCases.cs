using Rampart.Policy.Values;
using YamlDotNet.RepresentationModel;

namespace Rampart.Policy.Tests.Conformance;

/// <summary>Runs Regorus' interpreter, VM, parser and lexer cases with the meaning its README gives each field.</summary>
internal static class RegorusCases
{
    public static IEnumerable<CaseResult> Run(string root, string kind)
    {
        var dir = Path.Combine(root, kind);
        foreach (var file in Directory.GetFiles(dir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dir, file).Replace('\\', '/');
            var category = kind + "/" + (rel.Contains('/', StringComparison.Ordinal) ? rel[..rel.IndexOf('/', StringComparison.Ordinal)] : Path.GetFileNameWithoutExtension(rel));
            var index = 0;
            if (OpaCases.LoadFailure(file, out var lf))
                yield return new CaseResult("regorus/" + kind, category, $"regorus/{kind}/{rel}#load", "", false, "YAML loader: " + lf);
            foreach (var node in CaseYaml.TryCases(file, out var loadError).Children.Cast<YamlMappingNode>())
            {
                var id = $"regorus/{kind}/{rel}#{index++}";
                var note = CaseYaml.Str(node, "note") ?? "";
                if (CaseYaml.Flag(node, "skip"))
                {
                    yield return new CaseResult("regorus/" + kind, category, id, note, false, "disabled upstream") { DisabledUpstream = true };
                    continue;
                }

                string? failure;
                try
                {
                    failure = kind switch
                    {
                        "lexer" => Lexer(node),
                        "parser" => ParserCase(node),
                        "rvm" => Vm(node),
                        _ => Interpreter(node, v1: rel == "binding/bindings.yaml"),
                    };
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failure = "crash: " + e.GetType().Name + ": " + e.Message;
                }

                yield return new CaseResult("regorus/" + kind, category, id, note, failure is null, failure ?? "");
            }
        }
    }

    private static string? Lexer(YamlMappingNode c)
    {
        var wantError = CaseYaml.Get(c, "error") is not null;
        try
        {
            Syntax.Lexer.Tokenize(CaseYaml.Str(c, "rego") ?? "", "test.rego");
            return wantError ? "expected a lexer error" : null;
        }
        catch (RegoException e)
        {
            return wantError ? null : "unexpected error: " + e.Message;
        }
    }

    private static string? ParserCase(YamlMappingNode c)
    {
        var wantError = CaseYaml.Get(c, "error") is not null;
        try
        {
            // A parser case checks that the module parses (or not); only the few with a query are compiled and run.
            var source = CaseYaml.Str(c, "rego") ?? "";
            if (CaseYaml.Str(c, "query") is { } q && CaseYaml.Get(c, "want_result") is { } want)
            {
                var policy = RegoPolicy.Compile([new RegoModuleSource("test.rego", source)], RegoVersion.V0);
                return wantError ? "expected a parse error" : Compare(Shape(policy.Query(q), multi: false), CaseYaml.RegorusValue(want));
            }

            Syntax.Parser.ParseModule(source, "test.rego", v1: false);
            if (wantError)
                return "expected a parse error";
            return null;
        }
        catch (RegoException e)
        {
            return wantError ? null : "unexpected error: " + e.Message;
        }
    }

    private static string? Interpreter(YamlMappingNode c, bool v1)
    {
        var wantError = CaseYaml.Get(c, "error") is not null;
        var strict = CaseYaml.Flag(c, "strict", fallback: true);
        var modules = CaseYaml.Strings(c, "modules").Select((m, i) => new RegoModuleSource($"test-{i}.rego", m)).ToList();
        var inputs = new List<Value?>();
        var many = false;
        if (CaseYaml.Get(c, "input") is YamlMappingNode im && CaseYaml.Get(im, "many!") is YamlSequenceNode list)
        {
            many = true;
            inputs.AddRange(list.Children.Select(CaseYaml.RegorusValue));
        }
        else
        {
            inputs.Add(CaseYaml.Get(c, "input") is { } i ? CaseYaml.RegorusValue(i) : null);
        }

        try
        {
            var policy = RegoPolicy.Compile(modules, v1 ? RegoVersion.V1 : RegoVersion.V0);
            var data = CaseYaml.Get(c, "data") is { } d ? CaseYaml.RegorusValue(d) : null;
            var query = policy.Prepare(CaseYaml.Str(c, "query") ?? "");
            var want = CaseYaml.Get(c, "want_result");
            var wantMany = want is YamlMappingNode wm && CaseYaml.Get(wm, "many!") is not null;
            var results = inputs.Select(input => query.Run(new RegoQueryOptions { Input = input, Data = data ?? ObjectValue.Empty, StrictBuiltinErrors = strict })).ToList();
            if (wantError)
                return "expected an error";
            if (CaseYaml.Flag(c, "no_result") || want is null)
                return want is null && !CaseYaml.Flag(c, "no_result") && results.Any(r => r.Count > 0) && CaseYaml.Get(c, "want_prints") is null ? "expected undefined" : null;
            Value? actual = many
                ? new ArrayValue(results.Select(r => Shape(r, multi: false) ?? new StringValue("#undefined")).ToList())
                : Shape(results[0], multi: wantMany);
            var expected = wantMany ? CaseYaml.RegorusValue(CaseYaml.Get((YamlMappingNode)want, "many!")!) : CaseYaml.RegorusValue(want);
            return Compare(actual, expected);
        }
        catch (RegoException e)
        {
            return wantError ? null : "unexpected error: " + e.Message;
        }
    }

    private static string? Vm(YamlMappingNode c)
    {
        var modules = CaseYaml.Strings(c, "modules").Select((m, i) => new RegoModuleSource($"test-{i}.rego", m)).ToList();
        var wantError = CaseYaml.Get(c, "want_error") is not null;
        try
        {
            var policy = RegoPolicy.Compile(modules, CaseYaml.Flag(c, "rego_v0") ? RegoVersion.V0 : RegoVersion.V1);
            var options = new RegoQueryOptions
            {
                Input = CaseYaml.Get(c, "input") is { } i ? CaseYaml.RegorusValue(i) : null,
                Data = CaseYaml.Get(c, "data") is { } d ? CaseYaml.RegorusValue(d) ?? ObjectValue.Empty : ObjectValue.Empty,
                StrictBuiltinErrors = true,
            };
            if (CaseYaml.Get(c, "entry_points") is YamlSequenceNode eps && CaseYaml.Get(c, "want_results") is YamlSequenceNode wants)
            {
                for (var n = 0; n < eps.Children.Count; n++)
                {
                    var r = Compare(policy.Prepare(((YamlScalarNode)eps.Children[n]).Value!).Evaluate(options), CaseYaml.RegorusValue(wants.Children[n]));
                    if (r is not null)
                        return r;
                }

                return wantError ? "expected an error" : null;
            }

            var value = policy.Prepare(CaseYaml.Str(c, "query") ?? "").Evaluate(options);
            if (wantError)
                return "expected an error";
            return CaseYaml.Get(c, "want_result") is { } want ? Compare(value, CaseYaml.RegorusValue(want)) : null;
        }
        catch (RegoException e)
        {
            return wantError ? null : "unexpected error: " + e.Message;
        }
    }

    private static Value? Shape(IReadOnlyList<RegoSolution> solutions, bool multi)
    {
        if (solutions.Count == 0)
            return null;
        Value One(RegoSolution s) => s.Bindings.Count > 0
            ? ObjectValue.Of(s.Bindings.Select(kv => new KeyValuePair<Value, Value>(new StringValue(kv.Key), kv.Value)))
            : s.Expressions.Count == 1 ? s.Expressions[0] : new ArrayValue(s.Expressions);
        return solutions.Count == 1 && !multi ? One(solutions[0]) : new ArrayValue(solutions.Select(One).ToList());
    }

    private static string? Compare(Value? actual, Value? expected) =>
        actual == expected ? null : $"want {Show(expected)} got {Show(actual)}";

    private static string Show(Value? v) => v is null ? "undefined" : ValueJson.Serialize(v);
}
