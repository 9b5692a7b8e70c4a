namespace Rampart.Policy.Syntax;

/// <summary>One token; <see cref="NewlineBefore"/> matters because Rego separates body expressions by newlines.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position, bool NewlineBefore, string? StringValue = null)
{
    /// <summary>Whitespace or a comment precedes the token: a reference continues only without it (<c>a.b</c>, not <c>a .b</c>).</summary>
    public bool SpaceBefore { get; init; }

    public bool Is(string symbol) => (Kind == TokenKind.Symbol || Kind == TokenKind.Ident) && Text == symbol;
}
