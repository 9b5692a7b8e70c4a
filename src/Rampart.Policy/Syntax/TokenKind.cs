namespace Rampart.Policy.Syntax;

internal enum TokenKind
{
    Ident,
    String,
    RawString,
    Template,
    Number,
    Symbol,
    Eof,
}
