namespace Rampart.Server.Tests.WebUi;

/// <summary>The browser and security tests share one server, one runner and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WebUiGroup : ICollectionFixture<WebUiService>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "webui";
}
