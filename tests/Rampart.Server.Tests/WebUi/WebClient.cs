using System.Net;
using System.Text.RegularExpressions;

namespace Rampart.Server.Tests.WebUi;

/// <summary>A browser-like HTTP client: cookies, no automatic redirects, sign-in through the real form.</summary>
public sealed partial class WebClient : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };

    public WebClient(Uri server)
    {
        Http = new HttpClient(_handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies => _handler.CookieContainer;

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}\n{body}");
        return body;
    }

    /// <summary>The anti-forgery token of the first form on the page.</summary>
    public static string FormToken(string html) =>
        WebUtility.HtmlDecode(TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no anti-forgery field on the page"));

    public async Task<HttpResponseMessage> SignInAsync(string user, string password)
    {
        var token = FormToken(await GetPageAsync("login"));
        return await Http.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = user, ["password"] = password, ["return"] = "/runs",
        }));
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
