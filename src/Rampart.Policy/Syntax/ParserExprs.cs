namespace Rampart.Policy.Syntax;

internal sealed partial class Parser
{
    private Expr Literal()
    {
        var pos = Peek.Position;
        if (notBodies && AtKeyword("not") && PeekAt(1).Is("{"))
        {
            Next();
            var body = BracedBody();

            // not { … } holds when the body has no solution: the negation of "its first solution exists".
            var probe = new RefTerm(pos, new ArrayComprehension(pos, new ScalarTerm(pos, Values.BooleanValue.True), body), [new ScalarTerm(pos, Values.NumberValue.Of(0))]);
            return new TermExpr(pos, probe) { Negated = true };
        }

        if (AtKeyword("not") && !PeekAt(1).Is(".") && !(PeekAt(1).Is("(") && !PeekAt(1).NewlineBefore))
        {
            Next();
            var inner = Literal();
            if (inner.Negated)
                throw Error(pos, "double negation");
            if (inner is SomeExpr or SomeInExpr or EveryExpr)
                throw Error(pos, "not cannot be applied to declarations");
            return inner with { Negated = true };
        }

        Expr expr;
        if (AtKeyword("some") && !(PeekAt(1).Kind == TokenKind.Symbol && PeekAt(1).Text is "." or "=" or ":=" or "==" or "!=" or ")" or "]" or "}" or "," or ";" or "|" or "+" or "-" or "*" or "/" or "<" or ">" or "<=" or ">=") && PeekAt(1).Kind != TokenKind.Eof)
            expr = Some();
        else if (AtKeyword("every") && PeekAt(1).Kind == TokenKind.Ident)
            expr = Every();
        else
            expr = Plain();
        if (AtKeyword("with"))
        {
            var mods = new List<WithModifier>();
            while (AtKeyword("with"))
            {
                var wpos = Next().Position;
                var target = Postfix(Primary());
                if (!AtKeyword("as"))
                    throw Error(Peek.Position, "expected 'as' in with modifier");
                Next();
                mods.Add(new WithModifier(wpos, target, ExprTerm()));
            }

            expr = expr with { With = mods };
        }

        return expr;
    }

    private Expr Plain()
    {
        var pos = Peek.Position;
        var left = ExprIn(pairs: true);

        if (At(":="))
        {
            Next();
            return new AssignExpr(pos, left, ExprIn());
        }

        if (At("="))
        {
            Next();
            return new UnifyExpr(pos, left, ExprIn());
        }

        return new TermExpr(pos, left);
    }

    private Expr Some()
    {
        var pos = Next().Position;
        var terms = new List<Term> { ExprRelation() };
        while (Accept(","))
            terms.Add(ExprRelation());
        if (AtKeyword("in"))
        {
            if (!v1 && !keywords.Contains("in"))
                throw Error(Peek.Position, "unexpected ident `in`: some … in needs import future.keywords.in (or rego.v1)");
            Next();
            if (terms.Count > 2)
                throw Error(pos, "too many variables in some … in");
            var coll = ExprRelation();
            return terms.Count == 2 ? new SomeInExpr(pos, terms[0], terms[1], coll) : new SomeInExpr(pos, null, terms[0], coll);
        }

        var vars = new List<VarTerm>();
        foreach (var t in terms)
        {
            if (t is not VarTerm v)
                throw Error(t.Pos, "expected variable in some declaration");
            if (ReservedWords.Contains(v.Name))
                throw Error(t.Pos, $"unexpected keyword `{v.Name}` in some declaration");
            vars.Add(v);
        }

        return new SomeExpr(pos, vars);
    }

    private EveryExpr Every()
    {
        var pos = Next().Position;
        var first = ExprRelation();
        Term? key = null;
        var value = first;
        if (Accept(","))
        {
            key = first;
            value = ExprRelation();
        }

        if (!AtKeyword("in"))
            throw Error(Peek.Position, "expected 'in' in every");
        Next();
        var coll = ExprRelation();
        if (!At("{"))
            throw Error(Peek.Position, "expected '{' after every");
        return new EveryExpr(pos, key, value, coll, BracedBody());
    }
}
