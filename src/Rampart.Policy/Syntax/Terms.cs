using Rampart.Policy.Values;

namespace Rampart.Policy.Syntax;

/// <summary>A Rego term: the operand of every expression.</summary>
internal abstract record Term(SourcePosition Pos);

internal sealed record ScalarTerm(SourcePosition Pos, Value Value) : Term(Pos);

internal sealed record VarTerm(SourcePosition Pos, string Name) : Term(Pos)
{
    public bool IsWildcard => Name.StartsWith('$');
}

/// <summary><c>head.a[b]…</c>; the head is a variable (input, data, a local) or any other term.</summary>
internal sealed record RefTerm(SourcePosition Pos, Term Head, IReadOnlyList<Term> Path) : Term(Pos);

internal sealed record ArrayTerm(SourcePosition Pos, IReadOnlyList<Term> Items) : Term(Pos);

internal sealed record SetTerm(SourcePosition Pos, IReadOnlyList<Term> Items) : Term(Pos);

internal sealed record ObjectTerm(SourcePosition Pos, IReadOnlyList<KeyValuePair<Term, Term>> Items) : Term(Pos);

internal sealed record ArrayComprehension(SourcePosition Pos, Term Item, Body Body) : Term(Pos);

internal sealed record SetComprehension(SourcePosition Pos, Term Item, Body Body) : Term(Pos);

internal sealed record ObjectComprehension(SourcePosition Pos, Term Key, Term Value, Body Body) : Term(Pos);

/// <summary>A call; <see cref="Name"/> is a built-in name (<c>count</c>, <c>json.marshal</c>) or, after compilation, a data path of a function.</summary>
internal sealed record CallTerm(SourcePosition Pos, Term Operator, IReadOnlyList<Term> Args) : Term(Pos)
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? FunctionPath { get; init; }

    /// <summary>The built-in, looked up once on first call.</summary>
    public Builtins.Builtin? Builtin { get; set; }
}

/// <summary>A template string <c>$"text {expr} text"</c>; parts are literal strings or terms.</summary>
internal sealed record TemplateTerm(SourcePosition Pos, IReadOnlyList<Term> Parts) : Term(Pos);
