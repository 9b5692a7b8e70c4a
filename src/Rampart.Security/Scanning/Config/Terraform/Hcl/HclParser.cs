namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>
/// A recursive-descent parser for HCL2 native syntax (the HashiCorp HCL specification): bodies of
/// attributes and blocks, and the full expression language: literals, templates with interpolation,
/// heredocs, tuples, objects, traversals with index and splat, function calls (with <c>...</c>),
/// unary and binary operators by precedence, conditionals and <c>for</c> expressions.
/// </summary>
internal sealed partial class HclParser
{
    private const int MaxDepth = 128;
    private readonly List<HclToken> _tokens;
    private int _pos;
    private int _depth;
    private int _insensitive;

    private HclParser(List<HclToken> tokens) => _tokens = tokens;

    public static HclBody ParseFile(string text)
    {
        var parser = new HclParser(HclLexer.Tokenize(text));
        var body = parser.ParseBody(topLevel: true);
        return body;
    }

    /// <summary>Parses one expression (used for template interpolations).</summary>
    public static HclExpr ParseExpression(string text, int line, int column)
    {
        var parser = new HclParser(HclLexer.Tokenize(text)) { _insensitive = 1 };
        try
        {
            var expr = parser.Expression();
            if (parser.Peek().Kind != HclTokenKind.Eof)
                throw parser.Error("unexpected text after expression");
            return expr;
        }
        catch (HclSyntaxException e)
        {
            throw new HclSyntaxException($"in interpolation: {e.Message}", line, column);
        }
    }

    private HclBody ParseBody(bool topLevel)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            SkipNewlines();
            var token = Peek();
            if (token.Kind == HclTokenKind.Eof)
            {
                if (!topLevel)
                    throw Error("missing '}' at end of file");
                break;
            }

            if (token.Kind == HclTokenKind.CloseBrace && !topLevel)
                break;
            if (token.Kind != HclTokenKind.Identifier)
                throw Error($"expected an attribute or block name, found '{token.Text}'");
            _pos++;
            var next = Peek();
            if (next.Kind == HclTokenKind.Equals)
            {
                _pos++;
                var value = Expression();
                EndOfLine();
                attributes.Add(new HclAttribute(token.Text, value, token.Line, token.Column));
                continue;
            }

            var labels = new List<string>();
            while (Peek().Kind is HclTokenKind.QuotedTemplate or HclTokenKind.Identifier)
            {
                var label = Take();
                labels.Add(label.Kind == HclTokenKind.QuotedTemplate ? HclTemplateParser.Unescape(label.Text) : label.Text);
            }

            Expect(HclTokenKind.OpenBrace, "'{' to open the block");
            Enter();
            var body = ParseBody(topLevel: false);
            Leave();
            Expect(HclTokenKind.CloseBrace, "'}' to close the block");
            EndOfLine();
            blocks.Add(new HclBlock(token.Text, labels, body, token.Line, token.Column));
        }

        return new HclBody(attributes, blocks);
    }

    private void EndOfLine()
    {
        var token = Peek();
        if (token.Kind is HclTokenKind.Newline)
        {
            _pos++;
            return;
        }

        if (token.Kind is HclTokenKind.Eof or HclTokenKind.CloseBrace)
            return;
        throw Error($"expected a new line, found '{token.Text}'");
    }

    private HclToken Peek()
    {
        if (_insensitive > 0)
        {
            while (_tokens[_pos].Kind == HclTokenKind.Newline)
                _pos++;
        }

        return _tokens[_pos];
    }

    private HclToken PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private HclToken Take()
    {
        var token = Peek();
        if (token.Kind != HclTokenKind.Eof)
            _pos++;
        return token;
    }

    private HclToken Expect(HclTokenKind kind, string what)
    {
        var token = Peek();
        if (token.Kind != kind)
            throw Error($"expected {what}, found '{(token.Kind == HclTokenKind.Eof ? "end of file" : token.Text.Replace("\n", "\\n", StringComparison.Ordinal))}'", token);
        _pos++;
        return token;
    }

    private void SkipNewlines()
    {
        while (_tokens[_pos].Kind == HclTokenKind.Newline)
            _pos++;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw Error($"nesting deeper than {MaxDepth} levels");
    }

    private void Leave() => _depth--;

    private HclSyntaxException Error(string message, HclToken? at = null)
    {
        var token = at ?? _tokens[_pos];
        return new HclSyntaxException(message, token.Line, token.Column);
    }
}
