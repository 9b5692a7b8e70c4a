using Microsoft.Playwright;

namespace Rampart.Server.Tests.WebUi;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (no browser download: <c>ExecutablePath</c>).
/// Screenshots go to <c>TestResults/webui-screenshots</c> beside the test binaries, or <c>RAMPART_SCREENSHOTS</c>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = System.Environment.GetEnvironmentVariable("RAMPART_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "webui-screenshots");

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install chromium (.ci/run does)");
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignedInPageAsync(Uri server, string user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.ToString().TrimEnd('/'), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        // Generous: the whole suite runs in parallel on a shared 2-core machine, and sign-in hashes a password with PBKDF2.
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", WebUiService.Password);
        await page.ClickAsync("form.login button[type=submit]");
        await page.WaitForURLAsync("**/runs");
        return page;
    }

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
