using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Rampart.Server.Tests.WebUi;

/// <summary>Setting web UI passwords through the API: who may, what it needs, and that it signs browsers out.</summary>
[Collection(WebUiGroup.Name)]
public sealed class PasswordTests(WebUiService web)
{
    [Fact]
    public async Task OwnPasswordChange_NeedsTheCurrentOne_OthersNeedManageUsers_AndAChangeSignsOutEveryBrowser()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = web.Service.Http;
        using (var created = await admin.PostAsJsonAsync("api/v1/users", new { name = "wendy" }, ct))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var set = await admin.PutAsJsonAsync("api/v1/users/wendy/password", new { password = "first password 123" }, ct))
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        using (var tooShort = await admin.PutAsJsonAsync("api/v1/users/wendy/password", new { password = "short" }, ct))
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);

        using var browser = new WebClient(web.Service.Url);
        using (var signedIn = await browser.SignInAsync("wendy", "first password 123"))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using (var page = await browser.Http.GetAsync("approvals", ct))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var wendy = new HttpClient { BaseAddress = web.Service.Url };
        wendy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("wendy"));
        using (var others = await wendy.PutAsJsonAsync("api/v1/users/victor/password", new { password = "taken over 12345" }, ct))
            Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        using (var withoutCurrent = await wendy.PutAsJsonAsync("api/v1/users/wendy/password", new { password = "second password 456" }, ct))
            Assert.Equal(HttpStatusCode.Forbidden, withoutCurrent.StatusCode);
        using (var wrongCurrent = await wendy.PutAsJsonAsync("api/v1/users/wendy/password", new { password = "second password 456", currentPassword = "guess guess 123" }, ct))
            Assert.Equal(HttpStatusCode.Forbidden, wrongCurrent.StatusCode);
        using (var changed = await wendy.PutAsJsonAsync("api/v1/users/wendy/password", new { password = "second password 456", currentPassword = "first password 123" }, ct))
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        // The old browser session is gone: the next page sends it to the sign-in form.
        using (var after = await browser.Http.GetAsync("approvals", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        using var fresh = new WebClient(web.Service.Url);
        using (var old = await fresh.SignInAsync("wendy", "first password 123"))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using (var current = await fresh.SignInAsync("wendy", "second password 456"))
            Assert.Equal(HttpStatusCode.Redirect, current.StatusCode);
        using (var disabled = await admin.PatchAsJsonAsync("api/v1/users/wendy", new { disabled = true }, ct))
            Assert.True(disabled.IsSuccessStatusCode);
        using (var afterDisable = await fresh.Http.GetAsync("approvals", ct))
            Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
    }

    [Fact]
    public async Task CliPasswd_SetsThePasswordFromStandardInput_AndTheUserCanSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var created = await web.Service.Http.PostAsJsonAsync("api/v1/users", new { name = "carl" }, ct))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (exit, output) = await RampartAsync("set by the cli 789\n", "user", "passwd", "carl", "--password-stdin");
        Assert.True(exit == 0, output);
        Assert.Contains("password of carl set", output, StringComparison.Ordinal);
        Assert.DoesNotContain("set by the cli", output, StringComparison.Ordinal);

        using var browser = new WebClient(web.Service.Url);
        using (var signedIn = await browser.SignInAsync("carl", "set by the cli 789"))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var (shortExit, shortOutput) = await RampartAsync("short\n", "user", "passwd", "carl", "--password-stdin");
        Assert.True(shortExit == 2, shortOutput);
    }

    private async Task<(int Exit, string Output)> RampartAsync(string input, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["RAMPART_SERVER"] = web.Service.Url.ToString();
        start.Environment["RAMPART_TOKEN"] = web.Service.AdminToken!;
        using var process = System.Diagnostics.Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
            + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }

    private async Task<string> TokenAsync(string user)
    {
        using var response = await web.Service.Http.PostAsJsonAsync($"api/v1/users/{user}/tokens", new { name = "ui-test" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["token"]!.GetValue<string>();
    }
}
