namespace Rampart.Policy.Syntax;

/// <summary>One token; <see cref="NewlineBefore"/> matters because Rego separates body expressions by newlines.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourcePosition Position, bool NewlineBefore, string? StringValue = null)
{
    public bool Is(string symbol) => (Kind == TokenKind.Symbol || Kind == TokenKind.Ident) && Text == symbol;
}
