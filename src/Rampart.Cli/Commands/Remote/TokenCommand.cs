using System.CommandLine;
using System.Globalization;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart token create|list|revoke</c>: API tokens, yours or (with manage-users) another user's.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var user = new Option<string>("--user") { Description = "Whose tokens (default: yours)", DefaultValueFactory = _ => "me", Recursive = true };
        var command = new Command("token", "Manage API tokens on a Rampart server");
        command.Options.Add(server);
        command.Options.Add(user);

        var name = new Option<string?>("--name") { Description = "A label to recognise the token by (default: token)" };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the token stops working, 1 to 3650 (default: 90)" };
        var createFormat = RemoteOptions.Format();
        var create = new Command("create", "Create a token; it is printed once on stdout, alone, and cannot be shown again");
        create.Options.Add(name);
        create.Options.Add(days);
        create.Options.Add(createFormat);
        create.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var created = await client.SendAsync(HttpMethod.Post, TokensPath(result.GetValue(user)!), new { name = result.GetValue(name), expiresInDays = result.GetValue(days) }, ct);
            if (result.GetValue(createFormat) == OutputFormat.Json)
            {
                RemoteOutput.Print(created, OutputFormat.Json);
                return ExitCode.Success;
            }

            var expires = created.TryGetProperty("expiresAt", out var at) && at.TryGetDateTimeOffset(out var when) ? when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never";
            await System.Console.Error.WriteLineAsync($"token {created.GetProperty("id").GetRawText()} '{created.GetProperty("name").GetString()}' expires {expires}; it is shown only now:");
            await System.Console.Out.WriteLineAsync(created.GetProperty("token").GetString());
            return ExitCode.Success;
        }));

        var listFormat = RemoteOptions.Format();
        var list = new Command("list", "List tokens (their prefix, never the token)");
        list.Options.Add(listFormat);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, TokensPath(result.GetValue(user)!), null, ct), result.GetValue(listFormat),
                ("id", "id"), ("name", "name"), ("prefix", "prefix"), ("created", "createdAt"), ("expires", "expiresAt"), ("last used", "lastUsedAt"), ("revoked", "revoked"));
            return ExitCode.Success;
        }));

        var id = new Argument<long>("id") { Description = "Token id (from rampart token list)" };
        var revoke = new Command("revoke", "Revoke a token: it stops working at once");
        revoke.Arguments.Add(id);
        revoke.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var tokenId = result.GetValue(id).ToString(CultureInfo.InvariantCulture);
            await client.SendAsync(HttpMethod.Delete, TokensPath(result.GetValue(user)!) + "/" + tokenId, null, ct);
            await System.Console.Out.WriteLineAsync($"token {tokenId} revoked");
            return ExitCode.Success;
        }));

        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(revoke);
        return command;
    }

    private static string TokensPath(string user) => $"api/v1/users/{RemoteOptions.Segment(user)}/tokens";
}
