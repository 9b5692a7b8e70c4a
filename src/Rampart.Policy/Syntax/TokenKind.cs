namespace Rampart.Policy.Syntax;

internal enum TokenKind
{
    Ident,
    String,
    RawString,
    Number,
    Symbol,
    Eof,
}
