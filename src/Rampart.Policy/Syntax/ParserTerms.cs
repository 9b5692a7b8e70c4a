using Rampart.Policy.Values;

namespace Rampart.Policy.Syntax;

internal sealed partial class Parser
{
    private Term ExprTerm() => ExprIn();

    private bool InfixAllowed => depth > 0 || !Peek.NewlineBefore;

    private Term ExprIn(bool noUnion = false, bool pairs = false)
    {
        var left = ExprRelation(noUnion);
        if (pairs && At(","))
        {
            // k, v in coll
            var pos = Next().Position;
            var value = ExprRelation(noUnion);
            if (!AtKeyword("in"))
                throw Error(Peek.Position, "expected 'in' after key, value");
            Next();
            left = Call(pos, "internal.member_3", left, value, ExprRelation(noUnion));
        }

        while (AtKeyword("in") && InfixAllowed)
        {
            var pos = Next().Position;
            var right = ExprRelation(noUnion);
            left = Call(pos, "internal.member_2", left, right);
        }

        return left;
    }

    private Term ExprRelation(bool noUnion = false)
    {
        var left = ExprUnion(noUnion);
        while (InfixAllowed && Peek.Kind == TokenKind.Symbol && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Next();
            var right = ExprUnion(noUnion);
            left = Call(op.Position, op.Text switch
            {
                "==" => "equal",
                "!=" => "neq",
                "<" => "lt",
                "<=" => "lte",
                ">" => "gt",
                _ => "gte",
            }, left, right);
        }

        return left;
    }

    private Term ExprUnion(bool noUnion)
    {
        var left = ExprAnd();
        while (!noUnion && InfixAllowed && At("|"))
        {
            var pos = Next().Position;
            left = Call(pos, "or", left, ExprAnd());
        }

        return left;
    }

    private Term ExprAnd()
    {
        var left = ExprArith();
        while (InfixAllowed && At("&"))
        {
            var pos = Next().Position;
            left = Call(pos, "and", left, ExprArith());
        }

        return left;
    }

    private Term ExprArith()
    {
        var left = ExprFactor();
        while (InfixAllowed && Peek.Kind == TokenKind.Symbol && Peek.Text is "+" or "-")
        {
            var op = Next();
            left = Call(op.Position, op.Text == "+" ? "plus" : "minus", left, ExprFactor());
        }

        return left;
    }

    private Term ExprFactor()
    {
        var left = Unary();
        while (InfixAllowed && Peek.Kind == TokenKind.Symbol && Peek.Text is "*" or "/" or "%")
        {
            var op = Next();
            left = Call(op.Position, op.Text switch { "*" => "mul", "/" => "div", _ => "rem" }, left, Unary());
        }

        return left;
    }

    private Term Unary()
    {
        if (At("-"))
        {
            var pos = Next().Position;
            if (Peek.Kind == TokenKind.Number && Peek.Position.Column == pos.Column + 1 && Peek.Position.Line == pos.Line)
            {
                var n = Next();
                return Postfix(new ScalarTerm(pos, NegateLiteral(n)));
            }

            var operand = Unary();
            if (operand is ScalarTerm { Value: NumberValue num })
                return new ScalarTerm(pos, num.IsInteger ? NumberValue.Of(-num.IntegerValue) : NumberValue.Of(-num.AsDouble));
            return Call(pos, "minus", new ScalarTerm(pos, NumberValue.Of(0)), operand);
        }

        return Postfix(Primary());
    }

    private static NumberValue NegateLiteral(Token n) => NumberValue.Parse("-" + n.Text);

    private static CallTerm Call(SourcePosition pos, string name, params Term[] args) => new(pos, new VarTerm(pos, name), args) { Name = name };

    private Term Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new ScalarTerm(t.Position, NumberValue.Parse(t.Text));
            case TokenKind.String:
            case TokenKind.RawString:
                Next();
                return new ScalarTerm(t.Position, new StringValue(t.StringValue!));
            case TokenKind.Ident:
                Next();
                return t.Text switch
                {
                    "true" => new ScalarTerm(t.Position, BooleanValue.True),
                    "false" => new ScalarTerm(t.Position, BooleanValue.False),
                    "null" => new ScalarTerm(t.Position, NullValue.Instance),
                    "_" => Wildcard(t.Position),
                    "set" when At("(") && PeekAt(1).Is(")") => EmptySet(t.Position),
                    _ => new VarTerm(t.Position, t.Text),
                };
            case TokenKind.Symbol when t.Text == "[":
                return ArrayOrComprehension();
            case TokenKind.Symbol when t.Text == "{":
                return BraceTerm();
            case TokenKind.Symbol when t.Text == "(":
                Next();
                depth++;
                var inner = ExprIn(pairs: true);
                depth--;
                Expect(")");
                return inner;
            default:
                throw Error(t.Position, $"unexpected {Describe(t)}");
        }
    }

    private SetTerm EmptySet(SourcePosition pos)
    {
        Next();
        Next();
        return new SetTerm(pos, []);
    }

    private Term Postfix(Term term, bool stopAtCall = false)
    {
        while (true)
        {
            if (At(".") && !Peek.NewlineBefore)
            {
                Next();
                var name = Expect(TokenKind.Ident);
                term = Extend(term, new ScalarTerm(name.Position, new StringValue(name.Text)));
            }
            else if (At("[") && !Peek.NewlineBefore)
            {
                Next();
                depth++;
                var key = ExprIn();
                depth--;
                Expect("]");
                term = Extend(term, key);
            }
            else if (At("(") && !Peek.NewlineBefore && !stopAtCall && term is VarTerm or RefTerm)
            {
                var pos = Next().Position;
                depth++;
                var args = new List<Term>();
                while (!At(")"))
                {
                    args.Add(ExprIn());
                    if (!Accept(","))
                        break;
                }

                depth--;
                Expect(")");
                term = new CallTerm(pos, term, args);
            }
            else
            {
                return term;
            }
        }
    }

    private static RefTerm Extend(Term term, Term key) =>
        term is RefTerm r ? r with { Path = [.. r.Path, key] } : new RefTerm(term.Pos, term, [key]);

    private Term ArrayOrComprehension()
    {
        var pos = Next().Position;
        depth++;
        if (Accept("]"))
        {
            depth--;
            return new ArrayTerm(pos, []);
        }

        var first = ExprIn(noUnion: true);
        if (At("|"))
        {
            Next();
            var body = ComprehensionBody("]");
            depth--;
            return new ArrayComprehension(pos, first, body);
        }

        var items = new List<Term> { first };
        while (Accept(","))
        {
            if (At("]"))
                break;
            items.Add(ExprIn());
        }

        depth--;
        Expect("]");
        return new ArrayTerm(pos, items);
    }

    private Term BraceTerm()
    {
        var pos = Next().Position;
        depth++;
        if (Accept("}"))
        {
            depth--;
            return new ObjectTerm(pos, []);
        }

        var first = ExprIn(noUnion: true);
        if (Accept(":"))
        {
            var value = ExprIn(noUnion: true);
            if (At("|"))
            {
                Next();
                var body = ComprehensionBody("}");
                depth--;
                return new ObjectComprehension(pos, first, value, body);
            }

            var entries = new List<KeyValuePair<Term, Term>> { new(first, value) };
            while (Accept(","))
            {
                if (At("}"))
                    break;
                var k = ExprIn();
                Expect(":");
                entries.Add(new(k, ExprIn()));
            }

            depth--;
            Expect("}");
            return new ObjectTerm(pos, entries);
        }

        if (At("|"))
        {
            Next();
            var body = ComprehensionBody("}");
            depth--;
            return new SetComprehension(pos, first, body);
        }

        var items = new List<Term> { first };
        while (Accept(","))
        {
            if (At("}"))
                break;
            items.Add(ExprIn());
        }

        depth--;
        Expect("}");
        return new SetTerm(pos, items);
    }

    private Body ComprehensionBody(string close)
    {
        var saved = depth;
        depth = 0;
        var exprs = new List<Expr>();
        while (!At(close))
        {
            exprs.Add(Literal());
            if (!Accept(";") && !At(close) && !Peek.NewlineBefore)
                throw Error(Peek.Position, $"unexpected {Describe(Peek)}");
        }

        Next();
        depth = saved;
        if (exprs.Count == 0)
            throw Error(Peek.Position, "empty comprehension body");
        return new Body(exprs);
    }
}
