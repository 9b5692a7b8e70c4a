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
                return new ScalarTerm(pos, num.Negate());
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
            case TokenKind.Template:
                Next();
                return Template(t);
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

    /// <summary>Splits a template's body into literal text and <c>{expression}</c> parts; <c>\{</c> is a literal brace.</summary>
    private TemplateTerm Template(Token t)
    {
        var parts = new List<Term>();
        var text = new System.Text.StringBuilder();
        var body = t.Text;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length && body[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (c == '{')
            {
                var depth = 1;
                var j = i + 1;
                while (j < body.Length && depth > 0)
                {
                    if (body[j] == '{')
                        depth++;
                    else if (body[j] == '}')
                        depth--;
                    else if (body[j] == '"')
                    {
                        j++;
                        while (j < body.Length && body[j] != '"')
                            j += body[j] == '\\' ? 2 : 1;
                    }

                    j++;
                }

                if (text.Length > 0)
                    parts.Add(new ScalarTerm(t.Position, new StringValue(Unescape(text.ToString(), t))));
                text.Clear();
                var inner = new Parser(body[(i + 1)..(j - 1)], file, v1) { wildcards = wildcards + 1000 };
                var expr = inner.ExprIn();
                inner.Expect(TokenKind.Eof);
                wildcards = inner.wildcards;
                parts.Add(expr);
                i = j - 1;
            }
            else
            {
                text.Append(c);
            }
        }

        if (text.Length > 0)
            parts.Add(new ScalarTerm(t.Position, new StringValue(Unescape(text.ToString(), t))));
        return new TemplateTerm(t.Position, parts);
    }

    private static string Unescape(string s, Token t) =>
        s.Contains('\\', StringComparison.Ordinal) ? Lexer.Tokenize("\"" + s + "\"", t.Position.File)[0].StringValue! : s;

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
            if (At(".") && !Peek.SpaceBefore)
            {
                Next();
                if (Peek.SpaceBefore)
                    throw Error(Peek.Position, "unexpected whitespace after '.': a reference is written without spaces");
                var name = Expect(TokenKind.Ident);
                term = Extend(term, new ScalarTerm(name.Position, new StringValue(name.Text)));
            }
            else if (At("[") && !Peek.SpaceBefore)
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
