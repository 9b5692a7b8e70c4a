using System.Globalization;
using System.Text;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>
/// Computes the static value of expressions where it can: literals, templates, collections,
/// <c>var.*</c> (defaults and tfvars), <c>local.*</c> (with cycle detection), operators, conditionals
/// and common pure functions. References to resources become <see cref="HclReference"/>s; anything
/// dynamic (<c>for</c>, splats, unknown functions) is <see cref="HclValue.Unknown"/>.
/// </summary>
internal sealed class HclEvaluator
{
    private readonly IReadOnlyDictionary<string, HclValue> _variables;
    private readonly IReadOnlyDictionary<string, HclExpr> _locals;
    private readonly Dictionary<string, HclValue> _localValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private int _depth;

    public HclEvaluator(IReadOnlyDictionary<string, HclValue> variables, IReadOnlyDictionary<string, HclExpr> locals)
    {
        _variables = variables;
        _locals = locals;
    }

    public static HclEvaluator Empty { get; } = new(new Dictionary<string, HclValue>(), new Dictionary<string, HclExpr>());

    public HclValue Evaluate(HclExpr expr)
    {
        if (++_depth > 200)
        {
            _depth--;
            return HclValue.Unknown;
        }

        try
        {
            return expr switch
            {
                HclLiteralExpr l => l.Value,
                HclTemplateExpr t => Template(t),
                HclTupleExpr t => new HclList([.. t.Items.Select(Evaluate)]),
                HclObjectExpr o => Object(o),
                HclTraversalExpr t => Traversal(t),
                HclRelativeTraversalExpr r => Apply(Evaluate(r.Source), r.Steps, null),
                HclCallExpr c => HclFunctions.Call(c.Name, [.. c.Args.Select(Evaluate)], c.ExpandFinal),
                HclUnaryExpr u => Unary(u),
                HclBinaryExpr b => HclOperators.Binary(b.Op, Evaluate(b.Left), Evaluate(b.Right)),
                HclConditionalExpr c => Conditional(c),
                _ => HclValue.Unknown,
            };
        }
        finally
        {
            _depth--;
        }
    }

    private HclValue Template(HclTemplateExpr t)
    {
        if (t.HasDirective)
            return HclValue.Unknown;
        if (t.Parts.Count == 1 && t.Parts[0] is not HclLiteralExpr)
            return Evaluate(t.Parts[0]);
        var text = new StringBuilder();
        foreach (var part in t.Parts)
        {
            if (Evaluate(part).AsText() is not { } s)
                return HclValue.Unknown;
            text.Append(s);
        }

        return new HclString(text.ToString());
    }

    private HclObject Object(HclObjectExpr o)
    {
        var values = new Dictionary<string, HclValue>(StringComparer.Ordinal);
        foreach (var (keyExpr, valueExpr) in o.Items)
        {
            var key = keyExpr is HclTraversalExpr { Steps.Count: 0 } bare ? bare.Root : Evaluate(keyExpr).AsText();
            if (key is not null)
                values[key] = Evaluate(valueExpr);
        }

        return new HclObject(values);
    }

    private HclValue Traversal(HclTraversalExpr t)
    {
        if (t.Root is "var" or "local" && t.Steps.Count > 0 && t.Steps[0].Name is { } name)
        {
            var value = t.Root == "var" ? _variables.GetValueOrDefault(name) ?? HclValue.Unknown : Local(name);
            return Apply(value, t.Steps.Skip(1).ToList(), null);
        }

        return Apply(HclValue.Unknown, t.Steps, t.Root);
    }

    private HclValue Local(string name)
    {
        if (_localValues.TryGetValue(name, out var cached))
            return cached;
        if (!_locals.TryGetValue(name, out var expr) || !_evaluating.Add(name))
            return HclValue.Unknown;
        var value = Evaluate(expr);
        _evaluating.Remove(name);
        _localValues[name] = value;
        return value;
    }

    /// <summary>Follows steps on a known value; for an unresolvable root builds a reference path instead.</summary>
    private HclValue Apply(HclValue value, IReadOnlyList<HclTraversalStep> steps, string? referenceRoot)
    {
        if (referenceRoot is not null)
        {
            var path = new StringBuilder(referenceRoot);
            foreach (var step in steps)
            {
                if (step.Name is { } n)
                    path.Append('.').Append(n);
                else if (step.IsSplat)
                    path.Append("[*]");
                else
                    path.Append('[').Append(step.Index is null ? "?" : Evaluate(step.Index).AsText() ?? "?").Append(']');
            }

            return new HclReference(path.ToString());
        }

        foreach (var step in steps)
        {
            if (step.IsSplat)
                return HclValue.Unknown;
            var key = step.Name ?? (step.Index is null ? null : Evaluate(step.Index).AsText());
            value = (value, key) switch
            {
                (HclObject o, { } k) => o.Get(k) ?? HclValue.Unknown,
                (HclList l, { } k) when int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < l.Values.Count => l.Values[i],
                _ => HclValue.Unknown,
            };
        }

        return value;
    }

    private HclValue Unary(HclUnaryExpr u)
    {
        var operand = Evaluate(u.Operand);
        return u.Op switch
        {
            "!" when operand.AsBool() is { } b => new HclBool(!b),
            "-" when operand.AsNumber() is { } n => new HclNumber(-n),
            _ => HclValue.Unknown,
        };
    }

    private HclValue Conditional(HclConditionalExpr c)
    {
        if (Evaluate(c.Condition).AsBool() is { } condition)
            return Evaluate(condition ? c.True : c.False);
        var whenTrue = Evaluate(c.True);
        var whenFalse = Evaluate(c.False);
        return whenTrue.IsKnown && whenTrue.AsText() is { } a && whenFalse.AsText() == a ? whenTrue : HclValue.Unknown;
    }
}
