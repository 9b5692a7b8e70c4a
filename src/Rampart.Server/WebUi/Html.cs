using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Rampart.Server.WebUi;

/// <summary>A page being written. <c>html.Add($"&lt;td&gt;{name}&lt;/td&gt;")</c> encodes <c>name</c>.</summary>
public sealed class Html
{
    internal StringBuilder Builder { get; } = new(4096);

    public Html Add([InterpolatedStringHandlerArgument("")] HtmlHandler handler)
    {
        _ = handler;
        return this;
    }

    public static string Encode(string? text) => text is null ? "" : HtmlEncoder.Default.Encode(text);

    /// <summary>Encoded for use inside a URL path segment (and then HTML-encoded by the handler).</summary>
    public static string Segment(string text) => Uri.EscapeDataString(text);

    public override string ToString() => Builder.ToString();
}
