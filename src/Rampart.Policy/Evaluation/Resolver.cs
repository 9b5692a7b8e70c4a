using System.Globalization;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>Resolves the names in one rule: locals, imports, rules of the package, built-ins.</summary>
internal sealed partial class Resolver
{
    private readonly Module module;
    private readonly HashSet<string> packageRules;
    private readonly Dictionary<string, Term> imports = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int>? arities;
    private Scope scope = new(null, 0);
    private int renames;

    public Resolver(Module module, HashSet<string> packageRules, IReadOnlyDictionary<string, int>? arities = null)
    {
        this.arities = arities;
        this.module = module;
        this.packageRules = packageRules;
        foreach (var i in module.Imports)
            imports[i.Alias] = i.Path;
    }

    private sealed class Scope(Scope? parent, int level)
    {
        public Scope? Parent { get; } = parent;

        public int Level { get; } = level;

        public Dictionary<string, string> Declared { get; } = new(StringComparer.Ordinal);

        public string? Lookup(string name)
        {
            for (var s = this; s is not null; s = s.Parent)
            {
                if (s.Declared.TryGetValue(name, out var n))
                    return n;
            }

            return null;
        }
    }

    public Body ResolveQuery(Body body)
    {
        scope = new Scope(null, 0);
        return ResolveBody(body, topLevel: true, bound: new HashSet<string>(StringComparer.Ordinal));
    }

    public Rule ResolveRule(Rule rule)
    {
        scope = new Scope(null, 0);
        var headParts = rule.Head;
        var prefix = new List<string>(module.Package);
        var i = 0;
        for (; i < headParts.Count; i++)
        {
            if (headParts[i] is not ScalarTerm { Value: StringValue s })
                break;
            prefix.Add(s.Value);
        }

        var kind = rule.Kind;
        if (kind == RuleKind.Complete && i < headParts.Count)
            kind = RuleKind.PartialObject;
        if (kind == RuleKind.Function && i < headParts.Count)
            throw new RegoException("rego_parse_error", "function name must be a ground reference", rule.Pos);
        if (rule.IsDefault && headParts.Skip(i).Any(h => h is not ScalarTerm))
            throw new RegoException("rego_type_error", "default rules must have a ground reference", rule.Pos);

        foreach (var a in rule.Args)
            DeclarePattern(a, rename: false);
        var args = rule.Args.Select(ResolveTerm).ToList();
        var body = ResolveBody(rule.Body, topLevel: true, bound: Vars(args));
        var suffix = headParts.Skip(i).Select(ResolveTerm).ToList();
        var value = rule.Value is null ? null : ResolveTerm(rule.Value);
        var key = rule.Key is null ? null : ResolveTerm(rule.Key);
        CheckHeadSafety(rule, body, args, suffix, value, key);
        var resolved = rule with { Kind = kind, Args = args, Body = body };
        resolved.Path = prefix;
        resolved.Suffix = suffix;
        resolved.Value = value;
        resolved.Key = key;
        resolved.Module = module.File;
        resolved.Else = rule.Else is null ? null : ResolveRule(rule.Else with { Kind = rule.Kind, Head = rule.Head, Args = rule.Args });
        return resolved;
    }

    private int Arity(CallTerm c) => c.FunctionPath is { } p && arities is not null && arities.TryGetValue(string.Join('.', p), out var n) ? n : -1;

    private void CheckHeadSafety(Rule rule, Body body, List<Term> args, List<Term> suffix, Term? value, Term? key)
    {
        var bound = Vars(args);
        foreach (var e in body.Exprs)
            VarCollector.Outputs(e, bound, Arity);
        foreach (var t in suffix.Concat([value, key]).OfType<Term>())
        {
            foreach (var v in VarCollector.All(t))
            {
                if (!bound.Contains(v.Name) && !v.IsWildcard && v.Name is not ("input" or "data"))
                    throw new RegoException("rego_unsafe_var_error", $"var {Display(v.Name)} is unsafe", v.Pos);
            }
        }

    }

    internal static string Display(string name) => name.Contains('$', StringComparison.Ordinal) && !name.StartsWith('$') ? name[..name.IndexOf('$', StringComparison.Ordinal)] : name;

    private static HashSet<string> Vars(IEnumerable<Term> terms)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            foreach (var v in VarCollector.All(t))
                set.Add(v.Name);
        }

        return set;
    }

    private void DeclarePattern(Term t, bool rename)
    {
        foreach (var v in VarCollector.PatternVars(t))
        {
            if (v.IsWildcard)
                continue;
            if (scope.Declared.ContainsKey(v.Name) && !rename)
                continue;
            scope.Declared[v.Name] = rename && scope.Level > 0 ? $"{v.Name}${++renames}" : v.Name;
        }
    }

    private string NewName(string name) => scope.Level > 0 ? $"{name}${(++renames).ToString(CultureInfo.InvariantCulture)}" : name;
}
