namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>An HCL expression. <see cref="Line"/> and <see cref="Column"/> are where it starts.</summary>
internal abstract record HclExpr(int Line, int Column);

internal sealed record HclLiteralExpr(HclValue Value, int Line, int Column) : HclExpr(Line, Column);

/// <summary>A template: literal strings and interpolated expressions; a directive makes it unknown.</summary>
internal sealed record HclTemplateExpr(IReadOnlyList<HclExpr> Parts, bool HasDirective, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclTupleExpr(IReadOnlyList<HclExpr> Items, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclObjectExpr(IReadOnlyList<(HclExpr Key, HclExpr Value)> Items, int Line, int Column) : HclExpr(Line, Column);

/// <summary>A variable with its traversal (<c>var.name</c>, <c>aws_s3_bucket.logs.id</c>, <c>local.x[0]</c>).</summary>
internal sealed record HclTraversalExpr(string Root, IReadOnlyList<HclTraversalStep> Steps, int Line, int Column) : HclExpr(Line, Column);

/// <summary>Attribute, index or splat access on the result of another expression.</summary>
internal sealed record HclRelativeTraversalExpr(HclExpr Source, IReadOnlyList<HclTraversalStep> Steps, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclCallExpr(string Name, IReadOnlyList<HclExpr> Args, bool ExpandFinal, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclUnaryExpr(string Op, HclExpr Operand, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclBinaryExpr(string Op, HclExpr Left, HclExpr Right, int Line, int Column) : HclExpr(Line, Column);

internal sealed record HclConditionalExpr(HclExpr Condition, HclExpr True, HclExpr False, int Line, int Column) : HclExpr(Line, Column);

/// <summary>A <c>for</c> expression; parsed fully, evaluated as unknown.</summary>
internal sealed record HclForExpr(string? KeyVar, string ValueVar, HclExpr Collection, HclExpr? KeyResult, HclExpr ValueResult, HclExpr? Condition, bool IsObject, int Line, int Column) : HclExpr(Line, Column);

/// <summary>One step of a traversal: <c>.name</c>, <c>[index]</c>, or a splat (<c>.*</c>, <c>[*]</c>).</summary>
internal sealed record HclTraversalStep(string? Name, HclExpr? Index, bool IsSplat);
