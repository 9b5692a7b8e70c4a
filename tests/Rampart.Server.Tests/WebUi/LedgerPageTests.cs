using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Rampart.Server.Tests.Service;

namespace Rampart.Server.Tests.WebUi;

public sealed class LedgerPageTests
{
    [Fact]
    public async Task LedgerPage_SaysNotVerified_AndNamesTheEntry_WhenAnEntryWasEditedBehindTheServersBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServiceHarness.StartAsync();
        var admin = (await service.Http.GetFromJsonAsync<JsonObject>("api/v1/users/me", ct))!["name"]!.GetValue<string>();
        using (var set = await service.Http.PutAsJsonAsync($"api/v1/users/{admin}/password", new { password = WebUiService.Password }, ct))
            Assert.True(set.IsSuccessStatusCode);

        // Someone with the database file rewrites the first entry (the append-only triggers are theirs to drop).
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(service.State, "ledger.db")}"))
        {
            await connection.OpenAsync(ct);
            await using var edit = connection.CreateCommand();
            edit.CommandText = "DROP TRIGGER entries_no_update; UPDATE entries SET body = CAST('{\"kind\":\"forged\"}' AS BLOB) WHERE idx = 0;";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync(ct));
        }

        using var browser = new WebClient(service.Url);
        await browser.SignInAsync(admin, WebUiService.Password);
        var page = await browser.GetPageAsync("ledger");
        Assert.Contains("NOT verified", page, StringComparison.Ordinal);
        Assert.Contains("entry 0", page, StringComparison.Ordinal);
    }
}
