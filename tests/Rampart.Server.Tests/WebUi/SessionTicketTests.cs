using Microsoft.AspNetCore.DataProtection;
using Rampart.Core.Service;
using Rampart.Server.Access;
using Rampart.Server.WebUi.Sessions;

namespace Rampart.Server.Tests.WebUi;

public sealed class SessionTicketTests : IDisposable
{
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("rampart-dp-");
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly UserRecord _user = new() { Id = 7, Name = "dora", PasswordHash = PasswordHasher.Hash("correct horse battery staple") };

    private SessionTickets Tickets(DirectoryInfo? keys = null) => new(DataProtectionProvider.Create(keys ?? _keys), _time);

    [Fact]
    public void Ticket_ReadsBackAsItsUser_WithAMatchingPasswordStamp()
    {
        var tickets = Tickets();
        var read = tickets.Read(tickets.Issue(_user));
        Assert.NotNull(read);
        Assert.Equal(7, read.Value.UserId);
        Assert.True(SessionTickets.StampMatches(_user, read.Value.Stamp));
    }

    [Fact]
    public void Ticket_StopsWorking_WhenThePasswordChanges()
    {
        var tickets = Tickets();
        var read = tickets.Read(tickets.Issue(_user))!.Value;
        var changed = _user with { PasswordHash = PasswordHasher.Hash("another long password") };
        Assert.False(SessionTickets.StampMatches(changed, read.Stamp));
    }

    [Fact]
    public void Ticket_Expires_AfterItsLifetime()
    {
        var tickets = Tickets();
        var cookie = tickets.Issue(_user);
        _time.Now += SessionTickets.Lifetime - TimeSpan.FromMinutes(1);
        Assert.NotNull(tickets.Read(cookie));
        _time.Now += TimeSpan.FromMinutes(2);
        Assert.Null(tickets.Read(cookie));
    }

    [Fact]
    public void Ticket_IsRefused_WhenAnyCharacterIsChanged_OrWhenMadeWithOtherKeys()
    {
        var tickets = Tickets();
        var cookie = tickets.Issue(_user);
        for (var i = 0; i < cookie.Length; i += 7)
        {
            var flipped = cookie[..i] + (cookie[i] == 'A' ? 'B' : 'A') + cookie[(i + 1)..];
            Assert.Null(tickets.Read(flipped));
        }

        var otherKeys = Directory.CreateTempSubdirectory("rampart-dp-other-");
        try
        {
            Assert.Null(tickets.Read(Tickets(otherKeys).Issue(_user)));
        }
        finally
        {
            otherKeys.Delete(recursive: true);
        }

        Assert.Null(tickets.Read("7|0|forged"));
        Assert.Null(tickets.Read(new string('A', 5000)));
    }

    public void Dispose() => _keys.Delete(recursive: true);
}
