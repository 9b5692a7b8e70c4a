using System.Globalization;

namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>The expression half of the parser: operators by precedence, terms, collections, <c>for</c>, traversals.</summary>
internal sealed partial class HclParser
{
    private HclExpr Expression()
    {
        Enter();
        var condition = Binary(0);
        if (Peek().Kind == HclTokenKind.Question)
        {
            _pos++;
            _insensitive++;
            var whenTrue = Expression();
            Expect(HclTokenKind.Colon, "':' in conditional");
            var whenFalse = Expression();
            _insensitive--;
            condition = new HclConditionalExpr(condition, whenTrue, whenFalse, condition.Line, condition.Column);
        }

        Leave();
        return condition;
    }

    private static readonly string[][] Precedence =
    [
        ["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"],
    ];

    private HclExpr Binary(int level)
    {
        if (level == Precedence.Length)
            return Unary();
        var left = Binary(level + 1);
        while (true)
        {
            var token = Peek();
            var op = token.Kind == HclTokenKind.Star ? "*" : token.Kind == HclTokenKind.Operator ? token.Text : null;
            if (op is null || !Precedence[level].Contains(op))
                return left;
            _pos++;
            var right = Binary(level + 1);
            left = new HclBinaryExpr(op, left, right, left.Line, left.Column);
        }
    }

    private HclExpr Unary()
    {
        var token = Peek();
        if (token.Kind == HclTokenKind.Operator && token.Text is "!" or "-")
        {
            _pos++;
            Enter();
            var operand = Unary();
            Leave();
            return new HclUnaryExpr(token.Text, operand, token.Line, token.Column);
        }

        return Postfix(Term());
    }

    private HclExpr Term()
    {
        var token = Take();
        switch (token.Kind)
        {
            case HclTokenKind.Number:
                return new HclLiteralExpr(new HclNumber(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)), token.Line, token.Column);
            case HclTokenKind.QuotedTemplate:
                return HclTemplateParser.Parse(token.Text, token.Line, token.Column + 1, quoted: true);
            case HclTokenKind.Heredoc:
                return HclTemplateParser.Parse(token.Text, token.Line + 1, 1, quoted: false);
            case HclTokenKind.OpenParen:
            {
                _insensitive++;
                var inner = Expression();
                Expect(HclTokenKind.CloseParen, "')'");
                _insensitive--;
                return inner;
            }

            case HclTokenKind.OpenBracket:
                return Tuple(token);
            case HclTokenKind.OpenBrace:
                return Object(token);
            case HclTokenKind.Identifier:
                return Identifier(token);
            default:
                throw Error($"expected an expression, found '{token.Text}'", token);
        }
    }

    private HclExpr Identifier(HclToken token)
    {
        switch (token.Text)
        {
            case "true":
                return new HclLiteralExpr(new HclBool(true), token.Line, token.Column);
            case "false":
                return new HclLiteralExpr(new HclBool(false), token.Line, token.Column);
            case "null":
                return new HclLiteralExpr(HclValue.Null, token.Line, token.Column);
        }

        var name = token.Text;
        // Provider-defined functions: provider::name::function(...)
        while (Peek().Kind == HclTokenKind.Colon && PeekAt(1).Kind == HclTokenKind.Colon && PeekAt(2).Kind == HclTokenKind.Identifier)
        {
            _pos += 2;
            name += "::" + Take().Text;
        }

        if (Peek().Kind != HclTokenKind.OpenParen)
            return new HclTraversalExpr(name, [], token.Line, token.Column);
        _pos++;
        _insensitive++;
        var args = new List<HclExpr>();
        var expand = false;
        while (Peek().Kind != HclTokenKind.CloseParen)
        {
            args.Add(Expression());
            if (Peek().Kind == HclTokenKind.Ellipsis)
            {
                _pos++;
                expand = true;
            }

            if (Peek().Kind != HclTokenKind.Comma)
                break;
            _pos++;
        }

        Expect(HclTokenKind.CloseParen, "')' to close the function call");
        _insensitive--;
        return new HclCallExpr(name, args, expand, token.Line, token.Column);
    }

    private HclExpr Tuple(HclToken open)
    {
        _insensitive++;
        if (Peek() is { Kind: HclTokenKind.Identifier, Text: "for" })
        {
            var forExpr = For(open, isObject: false);
            _insensitive--;
            return forExpr;
        }

        var items = new List<HclExpr>();
        while (Peek().Kind != HclTokenKind.CloseBracket)
        {
            items.Add(Expression());
            if (Peek().Kind != HclTokenKind.Comma)
                break;
            _pos++;
        }

        Expect(HclTokenKind.CloseBracket, "']' to close the list");
        _insensitive--;
        return new HclTupleExpr(items, open.Line, open.Column);
    }

    private HclExpr Object(HclToken open)
    {
        _insensitive++;
        if (Peek() is { Kind: HclTokenKind.Identifier, Text: "for" })
        {
            var forExpr = For(open, isObject: true);
            _insensitive--;
            return forExpr;
        }

        var items = new List<(HclExpr, HclExpr)>();
        while (Peek().Kind != HclTokenKind.CloseBrace)
        {
            var key = Expression();
            if (Peek().Kind is not (HclTokenKind.Equals or HclTokenKind.Colon))
                throw Error("expected '=' or ':' after an object key");
            _pos++;
            var value = Expression();
            items.Add((key, value));
            if (Peek().Kind == HclTokenKind.Comma)
                _pos++;
        }

        Expect(HclTokenKind.CloseBrace, "'}' to close the object");
        _insensitive--;
        return new HclObjectExpr(items, open.Line, open.Column);
    }

    private HclForExpr For(HclToken open, bool isObject)
    {
        _pos++;
        var first = Expect(HclTokenKind.Identifier, "a variable name after 'for'").Text;
        string? keyVar = null;
        var valueVar = first;
        if (Peek().Kind == HclTokenKind.Comma)
        {
            _pos++;
            keyVar = first;
            valueVar = Expect(HclTokenKind.Identifier, "a value variable name").Text;
        }

        if (Take() is not { Kind: HclTokenKind.Identifier, Text: "in" })
            throw Error("expected 'in' in for expression");
        var collection = Expression();
        Expect(HclTokenKind.Colon, "':' in for expression");
        HclExpr? keyResult = null;
        var valueResult = Expression();
        if (isObject)
        {
            Expect(HclTokenKind.FatArrow, "'=>' in object for expression");
            keyResult = valueResult;
            valueResult = Expression();
            if (Peek().Kind == HclTokenKind.Ellipsis)
                _pos++;
        }

        HclExpr? condition = null;
        if (Peek() is { Kind: HclTokenKind.Identifier, Text: "if" })
        {
            _pos++;
            condition = Expression();
        }

        Expect(isObject ? HclTokenKind.CloseBrace : HclTokenKind.CloseBracket, "the end of the for expression");
        return new HclForExpr(keyVar, valueVar, collection, keyResult, valueResult, condition, isObject, open.Line, open.Column);
    }

    private HclExpr Postfix(HclExpr expr)
    {
        var steps = new List<HclTraversalStep>();
        while (true)
        {
            var token = Peek();
            if (token.Kind == HclTokenKind.Dot)
            {
                _pos++;
                var next = Take();
                steps.Add(next.Kind switch
                {
                    HclTokenKind.Identifier => new HclTraversalStep(next.Text, null, false),
                    HclTokenKind.Number => new HclTraversalStep(null, new HclLiteralExpr(new HclNumber(double.Parse(next.Text, CultureInfo.InvariantCulture)), next.Line, next.Column), false),
                    HclTokenKind.Star => new HclTraversalStep(null, null, true),
                    _ => throw Error($"expected an attribute name after '.', found '{next.Text}'", next),
                });
            }
            else if (token.Kind == HclTokenKind.OpenBracket)
            {
                _pos++;
                _insensitive++;
                if (Peek().Kind == HclTokenKind.Star)
                {
                    _pos++;
                    steps.Add(new HclTraversalStep(null, null, true));
                }
                else
                {
                    steps.Add(new HclTraversalStep(null, Expression(), false));
                }

                Expect(HclTokenKind.CloseBracket, "']'");
                _insensitive--;
            }
            else
            {
                break;
            }
        }

        if (steps.Count == 0)
            return expr;
        return expr is HclTraversalExpr { Steps.Count: 0 } root
            ? new HclTraversalExpr(root.Root, steps, root.Line, root.Column)
            : new HclRelativeTraversalExpr(expr, steps, expr.Line, expr.Column);
    }
}
