using Rampart.Policy.Builtins;
using Rampart.Policy.Syntax;
using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalCall(CallTerm c, Frame f, Func<Value, bool> k)
    {
        var key = EvalContext.FunctionKey(c);
        if (ctx.Functions.TryGetValue(key, out var replacement))
            return Invoke(c, replacement, f, k, mock: replacement is CallTerm);
        return Invoke(c, c, f, k);
    }

    private bool Invoke(CallTerm site, object target, Frame f, Func<Value, bool> k, bool mock = false)
    {
        int arity;
        Builtin? builtin = null;
        RuleNode? node = null;
        switch (target)
        {
            case Value constant:
                return EvalList(site.Args, f, _ => k(constant));
            case CallTerm { Name: { } name } call:
                builtin = call.Builtin ??= BuiltinRegistry.Find(name) ?? throw new RegoException("rego_type_error", "undefined function " + name, site.Pos);
                arity = builtin.Arity;
                break;
            case CallTerm { FunctionPath: { } path }:
                node = policy.Root.Find(path);
                if (node is { CallableRule: true, Functions.Count: 0 } && site.Args.Count <= 1)
                {
                    return NodeValue(node, null) is { } ruleValue
                        && (site.Args.Count == 0 ? k(ruleValue) : UnifyValue(site.Args[0], ruleValue, f, () => k(BooleanValue.True)));
                }

                if (node is null || (node.Functions.Count == 0 && node.DefaultFunction is null))
                    throw new RegoException("rego_type_error", "undefined function data." + string.Join('.', path), site.Pos);
                arity = (node.Functions.FirstOrDefault() ?? node.DefaultFunction!).Args.Count;
                break;
            default:
                throw new InvalidOperationException("bad call target");
        }

        if (arity >= 0 && site.Args.Count != arity && site.Args.Count != arity + 1)
            throw new RegoException("rego_type_error", $"{Name(site)}: arity mismatch: {site.Args.Count} arguments given, {arity} expected", site.Pos);
        var inputs = arity >= 0 && site.Args.Count == arity + 1 ? site.Args.Take(arity).ToList() : site.Args;
        Func<Value, bool> output = site.Args.Count == arity + 1 && arity >= 0 ? v => UnifyValue(site.Args[^1], v, f, () => k(BooleanValue.True)) : k;
        return EvalList(inputs, f, args =>
        {
            if (!mock)
                return builtin is not null ? CallBuiltin(site, builtin, args, output) : CallFunction(site, node!, args, output);

            // A replacement function runs without the mocks (as OPA does), so it can call what it replaces.
            var saved = ctx;
            ctx = saved.WithoutFunctions();
            try
            {
                bool Restore(Value v)
                {
                    var inner = ctx;
                    ctx = saved;
                    try
                    {
                        return output(v);
                    }
                    finally
                    {
                        ctx = inner;
                    }
                }

                return builtin is not null ? CallBuiltin(site, builtin, args, Restore) : CallFunction(site, node!, args, Restore);
            }
            finally
            {
                ctx = saved;
            }
        });
    }

    /// <summary>Whether a test expression passes, when it can be decided without search (see <see cref="TryDirect"/>).</summary>
    private bool TryTest(Term t, Frame f, out bool passed)
    {
        passed = false;
        Value? value;
        if (t is CallTerm c)
        {
            if (!TryCallDirect(c, f, out value))
                return false;
        }
        else if (!TryDirect(t, f, out value))
        {
            return false;
        }

        passed = value is not null and not BooleanValue { Value: false };
        return true;
    }

    /// <summary>A built-in call whose operands are all direct: computed without continuations.</summary>
    private bool TryCallDirect(CallTerm c, Frame f, out Value? result)
    {
        result = null;
        if (c.Name is not { } name || (ctx.Functions.Count > 0 && ctx.Functions.ContainsKey(name)))
            return false;
        var builtin = c.Builtin ??= BuiltinRegistry.Find(name);
        if (builtin is null || builtin.Multi || builtin.Arity < 0 || c.Args.Count != builtin.Arity)
            return false;
        var args = new Value[c.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            if (!TryDirect(c.Args[i], f, out var v))
                return false;
            if (v is null)
                return true;
            args[i] = v;
        }

        result = Compute(c, builtin, args);
        return true;
    }

    private static string Name(CallTerm c) => c.Name ?? "data." + string.Join('.', c.FunctionPath ?? []);

    /// <summary>The built-in's value; null when undefined (including a non-strict error).</summary>
    private Value? Compute(CallTerm site, Builtin builtin, Value[] args)
    {
        Value? result;
        try
        {
            result = builtin.Fn(builtins, args);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or FormatException or ArithmeticException)
        {
            // Bad operands that slipped past a built-in's own checks: an error, never a crash.
            if (strict)
                throw new RegoException("eval_builtin_error", $"{builtin.Name}: {e.Message}", site.Pos);
            return null;
        }
        catch (BuiltinException e)
        {
            if (strict || e.Code == "eval_conflict_error")
                throw new RegoException(e.Code, $"{builtin.Name}: {e.Message}", site.Pos);
            return null;
        }

        return result;
    }

    private bool CallBuiltin(CallTerm site, Builtin builtin, Value[] args, Func<Value, bool> k)
    {
        var result = Compute(site, builtin, args);
        if (result is null)
            return false;
        if (!builtin.Multi)
            return k(result);
        foreach (var item in ((ArrayValue)result).Items)
        {
            if (k(item))
                return true;
        }

        return false;
    }

    private bool CallFunction(CallTerm site, RuleNode node, Value[] args, Func<Value, bool> k)
    {
        var results = new HashSet<Value>();
        if (!ctx.InProgress.Add(node))
            throw new RegoException("rego_recursion_error", $"function {node} is recursive", site.Pos);
        try
        {
            Collect();
        }
        finally
        {
            ctx.InProgress.Remove(node);
        }

        if (results.Count > 1)
            throw new RegoException("eval_conflict_error", $"functions must not produce multiple outputs for same inputs: function {node} produced conflicting values for the same inputs", site.Pos);
        if (results.Count == 1)
            return k(results.First());
        if (node.DefaultFunction is { } d)
            return EvalTerm(d.Value!, new Frame(), k);
        return false;

        void Collect()
        {
        foreach (var rule in node.Functions)
        {
            for (var r = rule; r is not null; r = r.Else)
            {
                var f = new Frame();
                var current = r;
                var found = false;
                UnifyItems(current.Args, args, 0, f, () => EvalBody(current.Body.Exprs, 0, f, () => EvalTerm(current.Value!, f, v =>
                {
                    results.Add(v);
                    found = true;
                    return false;
                })));
                if (found)
                    break;
            }
        }
        }
    }
}
