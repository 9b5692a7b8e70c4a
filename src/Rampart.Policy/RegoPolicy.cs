using Rampart.Policy.Evaluation;
using Rampart.Policy.Syntax;

namespace Rampart.Policy;

/// <summary>
/// A set of compiled Rego modules. Compile once (parse, resolve names, check safety and
/// recursion), then prepare and run queries against any input and data.
/// </summary>
public sealed class RegoPolicy
{
    private readonly CompiledPolicy compiled;

    private RegoPolicy(CompiledPolicy compiled) => this.compiled = compiled;

    /// <summary>Parses and compiles modules; throws <see cref="RegoException"/> (with file:line:col) on any error.</summary>
    public static RegoPolicy Compile(IEnumerable<RegoModuleSource> modules, RegoVersion version = RegoVersion.V1)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var parsed = modules.Select(m => Parser.ParseModule(m.Text, m.File, version == RegoVersion.V1)).ToList();
        return new RegoPolicy(Compiler.Compile(parsed));
    }

    /// <summary>Package paths of the compiled modules (<c>rampart.gate</c>).</summary>
    public IEnumerable<string> Packages => compiled.Modules.Select(m => string.Join('.', m.Package)).Distinct(StringComparer.Ordinal);

    /// <summary>Full data paths of rules whose name starts with <c>test_</c> (what <c>rampart policy test</c> runs).</summary>
    public IEnumerable<(string Path, string File)> TestRules =>
        compiled.Modules.SelectMany(m => m.Rules.Where(r => r.Kind == RuleKind.Complete && r.Path[^1].StartsWith("test_", StringComparison.Ordinal))
            .Select(r => ("data." + string.Join('.', r.Path), m.File))).Distinct();

    /// <summary>Whether any module defines a rule (not a function) at this data path.</summary>
    public bool DefinesRule(IReadOnlyList<string> path) => compiled.Root.Find(path) is { } n && n.HasRules;

    public PreparedQuery Prepare(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var body = Parser.ParseQuery(query);
        var module = new Module("query", [], [], []);
        var resolved = new Resolver(module, new HashSet<string>(StringComparer.Ordinal)).ResolveQuery(body);
        var vars = new List<string>();
        foreach (var e in resolved.Exprs)
        {
            var (needs, outputs) = VarCollector.Analyse(e);
            foreach (var v in outputs.Concat(needs))
            {
                if (!v.IsWildcard && !v.Name.Contains('$', StringComparison.Ordinal) && v.Name is not ("input" or "data") && !vars.Contains(v.Name))
                    vars.Add(v.Name);
            }
        }

        return new PreparedQuery(compiled, resolved, vars, query);
    }

    public IReadOnlyList<RegoSolution> Query(string query, RegoQueryOptions? options = null) => Prepare(query).Run(options);
}
