namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

internal enum HclTokenKind
{
    Eof,
    Newline,
    Identifier,
    Number,

    /// <summary>A quoted template; <see cref="HclToken.Text"/> is the raw text between the quotes.</summary>
    QuotedTemplate,

    /// <summary>A heredoc; <see cref="HclToken.Text"/> is its body (already de-indented for <c>&lt;&lt;-</c>).</summary>
    Heredoc,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Ellipsis,
    Equals,
    Colon,
    Question,
    FatArrow,
    Star,
    Operator,
}
