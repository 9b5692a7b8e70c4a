namespace Rampart.Server.WebUi;

/// <summary>Text that is already HTML. Only this type passes through <see cref="HtmlHandler"/> unencoded.</summary>
public readonly record struct Markup(string Value)
{
    public override string ToString() => Value;
}
