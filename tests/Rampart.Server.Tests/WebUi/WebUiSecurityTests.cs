using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Rampart.Server.Tests.WebUi;

/// <summary>Attacks on the web UI: forged forms, a viewer deciding deploys, secrets leaking into pages, missing headers.</summary>
[Collection(WebUiGroup.Name)]
public sealed partial class WebUiSecurityTests(WebUiService web)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FormPostsWithoutTheAntiForgeryToken_AreRefused_AndChangeNothing()
    {
        using var client = new WebClient(web.Service.Url);
        using (var anonymous = await client.Http.PostAsync("login", Form(("username", "alice"), ("password", WebUiService.Password)), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetAllCookies(), c => c.Name == "rampart_session");

        using (var signedIn = await client.SignInAsync("alice", WebUiService.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var before = await RunCountAsync();
        using (var forged = await client.Http.PostAsync("repositories/acme/demo/runs", Form(("ref", "refs/heads/main")), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var wrongToken = await client.Http.PostAsync("repositories/acme/demo/runs", Form(("ref", "refs/heads/main"), ("__RequestVerificationToken", "CfDJ8forged")), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);

        // The session cookie also reaches the API: there, too, a state change needs the token (header or form field).
        using (var api = await client.Http.PostAsJsonAsync("api/v1/repositories/acme/demo/runs", new { }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using (var approve = await client.Http.PostAsJsonAsync("api/v1/runs/1/environments/production/approve", new { }, TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        using (var cancel = await client.Http.PostAsync("runs/1/cancel", Form(), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        using (var signOut = await client.Http.PostAsync("logout", Form(), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(before, await RunCountAsync());

        // A token from another browser does not fit this one's cookie either.
        using var other = new WebClient(web.Service.Url);
        var foreign = WebClient.FormToken(await other.GetPageAsync("login"));
        using (var crossed = await client.Http.PostAsync("repositories/acme/demo/runs", Form(("__RequestVerificationToken", foreign)), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
        Assert.Equal(before, await RunCountAsync());
    }

    [Fact]
    public async Task Viewer_CannotStartRuns_NorApproveDeploys_EvenWithAValidToken()
    {
        using var client = new WebClient(web.Service.Url);
        using (var signedIn = await client.SignInAsync("victor", WebUiService.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = await client.GetPageAsync("repositories");
        Assert.DoesNotContain("Start run", page, StringComparison.Ordinal);
        var token = WebClient.FormToken(page);

        var before = await RunCountAsync();
        using (var start = await client.Http.PostAsync("repositories/acme/demo/runs", Form(("__RequestVerificationToken", token)), TestContext.Current.CancellationToken))
            Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(before, await RunCountAsync());

        var approvals = await client.GetPageAsync("approvals");
        Assert.DoesNotContain("/approve\"", approvals, StringComparison.Ordinal);
        var runId = await web.Service.TriggerAsync("acme/demo");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/runs/{runId}/environments/production/approve") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var approve = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
    }

    [Fact]
    public async Task SecretValue_NeverAppearsInAnyPage_EvenAfterAJobEchoedIt()
    {
        var runId = await web.Service.TriggerAsync("acme/demo");
        var details = await web.Service.WaitForRunAsync(runId, RunTimeout);
        Assert.Equal("succeeded", details["run"]!["status"]!.GetValue<string>());
        Assert.Contains("key=", await web.Service.LogAsync(runId, "leak", 0), StringComparison.Ordinal);

        var forms = Forms(WebUiService.SecretValue);
        using var client = new WebClient(web.Service.Url);
        await client.SignInAsync("alice", WebUiService.Password);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/runs", $"/runs/{runId}", $"/runs/{runId}/logs/leak/0/events"]);
        while (queue.Count > 0 && seen.Count < 400)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
                continue;
            using var response = await client.Http.GetAsync(path.TrimStart('/'), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}\n{body}");
            foreach (var form in forms)
                Assert.False(body.Contains(form, StringComparison.OrdinalIgnoreCase), $"{path} shows the secret (as '{form}')");
            foreach (Match link in Href().Matches(body))
            {
                var target = WebUtility.HtmlDecode(link.Groups[1].Value).Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !target.StartsWith("/static/", StringComparison.Ordinal))
                    queue.Enqueue(target);
            }
        }

        Assert.Contains($"/runs/{runId}/logs/leak/0", seen);
        Assert.Contains("/secrets", seen);
        Assert.Contains("/ledger", seen);
        Assert.Contains($"/runs/{runId}/sbom", seen);
        Assert.Contains("/insights", seen);
        var leakLog = await client.GetPageAsync($"runs/{runId}/logs/leak/0");
        Assert.Contains("key=", leakLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_PagesApiHooksErrorsAndAssets()
    {
        using var client = new WebClient(web.Service.Url);
        var requests = new List<Func<Task<HttpResponseMessage>>>
        {
            () => client.Http.GetAsync("login", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("runs", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("static/app.js", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("static/nothing.js", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("healthz", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("metrics", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("no/such/page", TestContext.Current.CancellationToken),
            () => client.Http.GetAsync("api/v1/runs", TestContext.Current.CancellationToken),
            () => client.Http.PostAsync("login", Form(), TestContext.Current.CancellationToken),
            () => client.Http.PostAsync("hooks/github", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken),
            () =>
            {
                var bad = new HttpRequestMessage(HttpMethod.Get, "api/v1/runs");
                bad.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "rampart_forged");
                return client.Http.SendAsync(bad, TestContext.Current.CancellationToken);
            },
        };
        foreach (var send in requests)
        {
            using var response = await send();
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} ({(int)response.StatusCode})";
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp.Contains("script-src 'self'", StringComparison.Ordinal) && csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                && csp.Contains("default-src 'none'", StringComparison.Ordinal) && !csp.Contains("unsafe-inline", StringComparison.Ordinal), what + ": CSP " + csp);
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header(response, "X-Frame-Options") == "DENY", what);
            Assert.True(Header(response, "Referrer-Policy") == "no-referrer", what);
            Assert.True(Header(response, "Permissions-Policy").Contains("camera=()", StringComparison.Ordinal), what);
            Assert.True(Header(response, "Strict-Transport-Security").Length == 0, what + ": HSTS belongs to https only");
        }

        using var signIn = await client.SignInAsync("alice", WebUiService.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rampart_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await client.GetPageAsync("runs");
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" on", Regex.Replace(page, "<[^>]*\\son[a-z]+=", " on"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";

    /// <summary>The secret as a log or page could carry it: clear, base64, hex, URL- and HTML-escaped.</summary>
    private static string[] Forms(string secret) =>
    [
        secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)),
        Uri.EscapeDataString(secret), WebUtility.HtmlEncode(secret),
    ];

    private async Task<int> RunCountAsync() =>
        (await web.Service.Http.GetFromJsonAsync<JsonArray>("api/v1/runs?limit=500", TestContext.Current.CancellationToken))!.Count;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
