using Microsoft.AspNetCore.Http;
using Rampart.Server.WebUi;

namespace Rampart.Server.Tests.WebUi;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void HttpsResponses_CarryHsts_PlainHttpOnesDoNot()
    {
        var secure = new DefaultHttpContext();
        secure.Request.IsHttps = true;
        SecurityHeaders.Apply(secure);
        Assert.Equal("max-age=63072000; includeSubDomains", secure.Response.Headers.StrictTransportSecurity.ToString());

        var plain = new DefaultHttpContext();
        SecurityHeaders.Apply(plain);
        Assert.Empty(plain.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, plain.Response.Headers.ContentSecurityPolicy.ToString());
    }

    [Fact]
    public void CacheControl_DefaultsToNoStore_ButKeepsWhatAnEndpointSet()
    {
        var page = new DefaultHttpContext();
        SecurityHeaders.Apply(page);
        Assert.Equal("no-store", page.Response.Headers.CacheControl.ToString());

        var asset = new DefaultHttpContext();
        asset.Response.Headers.CacheControl = "public, max-age=300";
        SecurityHeaders.Apply(asset);
        Assert.Equal("public, max-age=300", asset.Response.Headers.CacheControl.ToString());
    }
}
