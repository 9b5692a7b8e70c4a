namespace Rampart.Policy.Syntax;

internal sealed record Body(IReadOnlyList<Expr> Exprs);

internal sealed record WithModifier(SourcePosition Pos, Term Target, Term Value);

/// <summary>One body literal: an expression with optional <c>not</c> and <c>with</c> modifiers.</summary>
internal abstract record Expr(SourcePosition Pos)
{
    public bool Negated { get; init; }

    public IReadOnlyList<WithModifier> With { get; init; } = [];
}

internal sealed record TermExpr(SourcePosition Pos, Term Term) : Expr(Pos);

internal sealed record UnifyExpr(SourcePosition Pos, Term Left, Term Right) : Expr(Pos);

internal sealed record AssignExpr(SourcePosition Pos, Term Left, Term Right) : Expr(Pos);

internal sealed record SomeExpr(SourcePosition Pos, IReadOnlyList<VarTerm> Vars) : Expr(Pos);

/// <summary><c>some k, v in coll</c> (key may be null).</summary>
internal sealed record SomeInExpr(SourcePosition Pos, Term? Key, Term Value, Term Collection) : Expr(Pos);

internal sealed record EveryExpr(SourcePosition Pos, Term? Key, Term Value, Term Collection, Body Body) : Expr(Pos);
