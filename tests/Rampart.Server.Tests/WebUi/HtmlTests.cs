using Rampart.Server.WebUi;
using Rampart.Server.WebUi.Pages;

namespace Rampart.Server.Tests.WebUi;

public sealed class HtmlTests
{
    [Fact]
    public void Add_EncodesEveryHole_SoMarkupInDataCannotBecomeMarkupOnThePage()
    {
        var html = new Html();
        var name = "<script>alert(1)</script>";
        var attribute = "\" onmouseover=\"alert(1)";
        html.Add($"<td title=\"{attribute}\">{name}</td>");

        var text = html.ToString();
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onmouseover", text, StringComparison.Ordinal);
        Assert.StartsWith("<td title=\"&quot; onmouseover=&quot;alert(1)\">&lt;script&gt;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_PassesOnlyMarkupThrough_AndFormatsNumbersInvariantly()
    {
        var html = new Html();
        html.Add($"{new Markup("<b>")}{1234.5}{(long?)null}{new Markup("</b>")}");
        Assert.Equal("<b>1234.5</b>", html.ToString());
    }

    [Theory]
    [InlineData("/runs/5", "/runs/5")]
    [InlineData("/runs?repository=acme%2Fdemo", "/runs?repository=acme%2Fdemo")]
    [InlineData("//evil.example/x", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("https://evil.example/", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("/runs\r\nSet-Cookie: x=1", null)]
    [InlineData("", null)]
    public void SignInReturnPath_IsOnlyEverAPathOnThisServer(string given, string? expected) =>
        Assert.Equal(expected, LoginPages.LocalPath(given));
}
