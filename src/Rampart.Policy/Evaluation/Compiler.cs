using Rampart.Policy.Builtins;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// Turns parsed modules into a <see cref="CompiledPolicy"/>: places every rule in the data tree,
/// resolves names (rules of the package, imports, built-ins), renames variables declared in
/// nested scopes, orders body expressions so each variable is bound before it is read, and
/// rejects unsafe variables and recursion.
/// </summary>
internal static class Compiler
{
    public static CompiledPolicy Compile(IReadOnlyList<Module> modules)
    {
        var root = new RuleNode("data", null);
        var packageNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            var key = string.Join('.', m.Package);
            if (!packageNames.TryGetValue(key, out var set))
                packageNames[key] = set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in m.Rules)
                set.Add(((StringValue)((ScalarTerm)r.Head[0]).Value).Value);
        }

        var arities = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            foreach (var r in m.Rules.Where(r => r.Kind == RuleKind.Function))
            {
                var parts = r.Head.Select(h => h is ScalarTerm { Value: StringValue s } ? s.Value : "?");
                arities[string.Join('.', m.Package.Concat(parts))] = r.Args.Count;
            }
        }

        var resolved = new List<Module>();
        foreach (var m in modules)
        {
            // A package exists even without rules: data.<package> is then {}, as in OPA.
            (root.Find(m.Package) ?? Create(root, m.Package)).IsPackage = true;
            var rules = new List<Rule>();
            foreach (var rule in m.Rules)
            {
                var r = new Resolver(m, packageNames[string.Join('.', m.Package)], arities).ResolveRule(rule);
                Place(root, r);
                rules.Add(r);
            }

            resolved.Add(m with { Rules = rules });
        }

        var policy = new CompiledPolicy(root, resolved);
        RecursionChecker.Check(policy);
        return policy;
    }

    private static void Place(RuleNode root, Rule rule)
    {
        var node = root.Find(rule.Path) ?? Create(root, rule.Path);
        node.CallableRule |= rule.ZeroArgs;
        if (rule.Kind == RuleKind.Function)
        {
            if (node.Rules.Count > 0)
                throw new RegoException("rego_type_error", $"conflicting rules data.{rule.DisplayName} found", rule.Pos);
            if (rule.IsDefault)
            {
                if (node.DefaultFunction is not null)
                    throw new RegoException("rego_type_error", $"multiple default function data.{rule.DisplayName} found", rule.Pos);
                node.DefaultFunction = rule;
            }
            else
            {
                node.Functions.Add(rule);
            }

            return;
        }

        if (node.Functions.Count > 0 || node.DefaultFunction is not null)
            throw new RegoException("rego_type_error", $"conflicting rules data.{rule.DisplayName} found", rule.Pos);
        if (rule.IsDefault && rule.Suffix.Count > 0)
        {
            // A constant key that is not a string (p[true]) cannot be a node of the data tree.
            if (node.KeyDefaults.Any(d => d.Suffix.SequenceEqual(rule.Suffix, TermValueComparer.Instance)))
                throw new RegoException("rego_type_error", $"multiple default rules data.{rule.DisplayName} found", rule.Pos);
            node.KeyDefaults.Add(rule);
            return;
        }

        if (rule.IsDefault)
        {
            if (node.Default is not null)
                throw new RegoException("rego_type_error", $"multiple default rules data.{rule.DisplayName} found", rule.Pos);
            node.Default = rule;
            return;
        }

        if (node.Rules.Count > 0 && Shape(node.Rules[0]) != Shape(rule))
            throw new RegoException("rego_type_error", $"conflicting rules data.{rule.DisplayName} found", rule.Pos);
        node.Rules.Add(rule);
    }

    private sealed class TermValueComparer : IEqualityComparer<Term>
    {
        public static readonly TermValueComparer Instance = new();

        public bool Equals(Term? x, Term? y) => x is ScalarTerm a && y is ScalarTerm b && a.Value == b.Value;

        public int GetHashCode(Term obj) => obj is ScalarTerm s ? s.Value.GetHashCode() : 0;
    }

    /// <summary>What a rule makes of its path: one value, a set, or an object built key by key; one path has one shape.</summary>
    private static int Shape(Rule rule) => rule.Suffix.Count > 0 ? 2 : rule.Kind == RuleKind.PartialSet ? 1 : 0;

    private static RuleNode Create(RuleNode root, IReadOnlyList<string> path)
    {
        var n = root;
        foreach (var p in path)
            n = n.Child(p);
        return n;
    }

    public static bool IsKnownBuiltin(string name) => BuiltinRegistry.Find(name) is not null;
}
