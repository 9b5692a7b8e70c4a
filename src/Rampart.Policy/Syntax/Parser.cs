using Rampart.Policy.Values;

namespace Rampart.Policy.Syntax;

/// <summary>
/// Recursive-descent parser for Rego modules and queries. Rego v1 (<c>if</c>, <c>contains</c>)
/// is the default; v0 rule forms (<c>p { … }</c>, <c>p[x] { … }</c>) are accepted when
/// <see cref="RegoVersion.V0"/> is asked for.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> tokens;
    private readonly string file;
    private bool v1;
    private int index;
    private int depth;
    private int wildcards;

    private Parser(string source, string file, bool v1)
    {
        tokens = Lexer.Tokenize(source, file);
        this.file = file;
        this.v1 = v1;
    }

    public static Module ParseModule(string source, string file, bool v1 = true) => new Parser(source, file, v1).Module();

    public static Body ParseQuery(string source, string file = "query") => new Parser(source, file, true).Query();

    public static Term ParseTerm(string source, string file = "term")
    {
        var p = new Parser(source, file, true);
        var t = p.ExprTerm();
        p.Expect(TokenKind.Eof);
        return t;
    }

    private Token Peek => tokens[index];

    private Token PeekAt(int offset) => tokens[Math.Min(index + offset, tokens.Count - 1)];

    private Token Next() => tokens[index++];

    private bool At(string text) => Peek.Is(text) && Peek.Kind != TokenKind.String;

    private bool AtKeyword(string word) => Peek.Kind == TokenKind.Ident && Peek.Text == word;

    private bool Accept(string text)
    {
        if (!At(text))
            return false;
        index++;
        return true;
    }

    private Token Expect(string text)
    {
        if (!At(text))
            throw Error(Peek.Position, $"expected '{text}', found {Describe(Peek)}");
        return Next();
    }

    private Token Expect(TokenKind kind)
    {
        if (Peek.Kind != kind)
            throw Error(Peek.Position, $"expected {kind.ToString().ToLowerInvariant()}, found {Describe(Peek)}");
        return Next();
    }

    private static string Describe(Token t) => t.Kind == TokenKind.Eof ? "end of input" : $"'{t.Text}'";

    private static RegoException Error(SourcePosition p, string message) => new("rego_parse_error", message, p);

    private Module Module()
    {
        if (!AtKeyword("package"))
            throw Error(Peek.Position, "expected 'package'");
        Next();
        var package = RefNames(ExprPrimary(), "package");
        var imports = Imports();
        var rules = new List<Rule>();
        while (Peek.Kind != TokenKind.Eof)
        {
            if (AtKeyword("import") || AtKeyword("package"))
                throw Error(Peek.Position, $"unexpected {Peek.Text} keyword: must come before rules");
            var rule = ParseRule();
            rules.Add(rule);
            while (At("{") && !Peek.NewlineBefore && rule.Body.Exprs.Count > 0 && rule.Else is null)
            {
                // Several bodies for one head (p { a } { b }): one rule per body, an "or".
                rules.Add(rule with { Body = BracedBody(), Pos = Peek.Position });
            }
        }

        return new Module(file, package, imports, rules) { Strict = v1 };
    }

    private Term ExprPrimary() => Postfix(Primary());

    private static List<string> RefNames(Term t, string what)
    {
        var names = new List<string>();
        switch (t)
        {
            case VarTerm v:
                names.Add(v.Name);
                break;
            case RefTerm { Head: VarTerm h } r:
                names.Add(h.Name);
                foreach (var p in r.Path)
                {
                    if (p is not ScalarTerm { Value: StringValue s })
                        throw Error(p.Pos, $"invalid {what} path");
                    names.Add(s.Value);
                }

                break;
            default:
                throw Error(t.Pos, $"invalid {what} path");
        }

        return names;
    }

    private Body Query()
    {
        var exprs = new List<Expr>();
        while (Peek.Kind != TokenKind.Eof)
        {
            exprs.Add(Literal());
            if (!Accept(";") && Peek.Kind != TokenKind.Eof && !Peek.NewlineBefore)
                throw Error(Peek.Position, $"unexpected {Describe(Peek)}");
        }

        if (exprs.Count == 0)
            throw Error(Peek.Position, "empty query");
        return new Body(exprs);
    }

    private Body BracedBody()
    {
        Expect("{");
        var saved = depth;
        depth = 0;
        var exprs = new List<Expr>();
        while (!At("}"))
        {
            exprs.Add(Literal());
            if (!Accept(";") && !At("}") && !Peek.NewlineBefore)
                throw Error(Peek.Position, $"unexpected {Describe(Peek)}");
        }

        Next();
        depth = saved;
        if (exprs.Count == 0)
            throw Error(Peek.Position, "found empty body");
        return new Body(exprs);
    }

    private VarTerm Wildcard(SourcePosition pos) => new(pos, "$" + (++wildcards).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
