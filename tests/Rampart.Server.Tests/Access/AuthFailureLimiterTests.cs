using System.Net;
using Rampart.Server.Access;
using Rampart.Server.Hosting;

namespace Rampart.Server.Tests.Access;

public sealed class AuthFailureLimiterTests
{
    [Fact]
    public void Limit_CountsPerAddress()
    {
        var time = new ManualTime();
        var limiter = new AuthFailureLimiter(new ServerOptions { StateDirectory = "/tmp", AuthFailuresPerMinute = 2 }, time);
        var attacker = IPAddress.Parse("192.0.2.1");
        limiter.RecordFailure(attacker);
        Assert.Null(limiter.RetryAfter(attacker));
        limiter.RecordFailure(attacker);

        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RetryAfter(attacker));
        Assert.Equal(TimeSpan.FromMinutes(1), limiter.RetryAfter(IPAddress.Parse("::ffff:192.0.2.1")));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("192.0.2.2")));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(limiter.RetryAfter(attacker));
    }

    [Fact]
    public void IPv6Addresses_OfOneSlash64_ShareACount()
    {
        var limiter = new AuthFailureLimiter(new ServerOptions { StateDirectory = "/tmp", AuthFailuresPerMinute = 2 }, new ManualTime());
        limiter.RecordFailure(IPAddress.Parse("2001:db8:1:2::1"));
        limiter.RecordFailure(IPAddress.Parse("2001:db8:1:2:ffff::9"));

        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:2::77")));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
    }
}
