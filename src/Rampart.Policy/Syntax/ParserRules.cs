using Rampart.Policy.Values;

namespace Rampart.Policy.Syntax;

internal sealed partial class Parser
{
    private static readonly ScalarTerm TrueTerm = new(default, BooleanValue.True);

    private Rule ParseRule()
    {
        var pos = Peek.Position;
        var isDefault = false;
        if (AtKeyword("default"))
        {
            Next();
            isDefault = true;
        }

        var headTerm = Postfix(Primary(), stopAtCall: true);
        var head = HeadParts(headTerm);
        if (head[0] is ScalarTerm { Value: StringValue first } && (keywords.Contains(first.Value) || (v1 && FutureKeywords.Contains(first.Value))))
            throw Error(headTerm.Pos, $"unexpected keyword `{first.Value}`: it cannot name a rule");
        if (head[0] is ScalarTerm { Value: StringValue root } && root.Value is "input" or "data" && v1)
            throw new RegoException("rego_compile_error", $"rules must not shadow {root.Value} (use a different rule name)", headTerm.Pos);
        List<Term>? args = null;
        if (At("(") && !Peek.NewlineBefore)
        {
            Next();
            args = [];
            depth++;
            while (!At(")"))
            {
                args.Add(ExprTerm());
                if (!Accept(","))
                    break;
            }

            depth--;
            Expect(")");
        }

        // f() := v is a rule, as in OPA (data.p.f is its value); f() also reads it.
        var zeroArgs = args is { Count: 0 };
        if (zeroArgs)
            args = null;
        Term? key = null;
        Term? value = null;
        var kind = args is null ? RuleKind.Complete : RuleKind.Function;
        if (AtKeyword("contains") && args is null)
        {
            Next();
            key = ExprTerm();
            kind = RuleKind.PartialSet;
        }
        else if (At(":=") || At("="))
        {
            Next();
            value = ExprTerm();
        }

        if (isDefault)
        {
            if (value is null)
                throw Error(pos, "default rule must have a value");
            CheckDefaultValue(value);
            return new Rule(pos, kind, head, new Body([])) { Args = args ?? [], Value = value, IsDefault = true };
        }

        Body? body = null;
        var hasIf = false;
        if (AtKeyword("if"))
        {
            Next();
            hasIf = true;
            body = IfBody();
        }
        else if (At("{") && !v1)
        {
            body = BracedBody();
        }
        else if (At("{"))
        {
            throw Error(Peek.Position, "`if` keyword is required before rule body");
        }

        if (kind == RuleKind.Complete && value is null && !v1 && !hasIf && head.Count > 1)
        {
            // v0 partial set: p[x] { … }
            kind = RuleKind.PartialSet;
            key = head[^1];
            head = head.Take(head.Count - 1).ToList();
        }

        var rule = new Rule(pos, kind, head, body ?? new Body([])) { Args = args ?? [], Key = key, Value = value ?? (kind == RuleKind.PartialSet ? null : TrueTerm), ZeroArgs = zeroArgs };
        if (body is null && kind != RuleKind.PartialSet && value is null && args is null && !isDefault)
            throw Error(pos, "rule must have a value or a body");
        if (body is null && AtKeyword("else"))
            throw Error(Peek.Position, "else keyword cannot be used on rule declarations without body");
        var tail = rule;
        while (AtKeyword("else"))
        {
            if (kind is RuleKind.PartialSet or RuleKind.PartialObject)
                throw Error(Peek.Position, "else keyword cannot be used on multi-value rules");
            var epos = Next().Position;
            Term elseValue = TrueTerm;
            if (At(":=") || At("="))
            {
                Next();
                elseValue = ExprTerm();
            }

            Body elseBody = new([]);
            if (AtKeyword("if"))
            {
                Next();
                elseBody = IfBody();
            }
            else if (At("{") && !v1)
            {
                elseBody = BracedBody();
            }

            var next = new Rule(epos, kind, head, elseBody) { Args = rule.Args, Value = elseValue };
            tail.Else = next;
            tail = next;
        }

        return rule;
    }

    /// <summary>After <c>if</c>: a braced body, or one literal (which may itself start with a brace: <c>if {x | …}</c>).</summary>
    private Body IfBody()
    {
        if (!At("{"))
            return new Body([Literal()]);
        var start = index;
        var savedDepth = depth;
        try
        {
            return BracedBody();
        }
        catch (RegoException first)
        {
            index = start;
            depth = savedDepth;
            try
            {
                return new Body([Literal()]);
            }
            catch (RegoException)
            {
                throw first;
            }
        }
    }

    /// <summary>As in OPA, a default value is a constant: no reference, variable or call outside a comprehension.</summary>
    private static void CheckDefaultValue(Term t)
    {
        switch (t)
        {
            case RefTerm or VarTerm or CallTerm or TemplateTerm:
                var what = t switch { RefTerm => "ref", VarTerm => "var", CallTerm => "call", _ => "template string" };
                throw Error(t.Pos, $"illegal default rule (value cannot contain {what})");
            case ArrayTerm a:
                foreach (var x in a.Items)
                    CheckDefaultValue(x);
                break;
            case SetTerm s:
                foreach (var x in s.Items)
                    CheckDefaultValue(x);
                break;
            case ObjectTerm o:
                foreach (var kv in o.Items)
                {
                    CheckDefaultValue(kv.Key);
                    CheckDefaultValue(kv.Value);
                }

                break;
        }
    }

    private static List<Term> HeadParts(Term t)
    {
        switch (t)
        {
            case VarTerm v when !v.IsWildcard:
                return [new ScalarTerm(v.Pos, new StringValue(v.Name))];
            case RefTerm { Head: VarTerm h } r when !h.IsWildcard:
                var parts = new List<Term> { new ScalarTerm(h.Pos, new StringValue(h.Name)) };
                parts.AddRange(r.Path);
                return parts;
            default:
                throw Error(t.Pos, "invalid rule head");
        }
    }
}
