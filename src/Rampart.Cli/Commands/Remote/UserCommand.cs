using System.CommandLine;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart user add|list|disable|passwd</c>: the server's users (needs manage-users).</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var command = new Command("user", "Manage the users of a Rampart server");
        command.Options.Add(server);

        var name = new Argument<string>("name") { Description = "User name" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator (every right on every repository)" };
        var addFormat = RemoteOptions.Format();
        var add = new Command("add", "Create a user; give them roles with 'rampart role set' and a token with 'rampart token create --user'");
        add.Arguments.Add(name);
        add.Options.Add(admin);
        add.Options.Add(addFormat);
        add.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var user = await client.SendAsync(HttpMethod.Post, "api/v1/users", new { name = result.GetValue(name), admin = result.GetValue(admin) }, ct);
            RemoteOutput.Print(user, result.GetValue(addFormat), Columns);
            return ExitCode.Success;
        }));

        var listFormat = RemoteOptions.Format();
        var list = new Command("list", "List users");
        list.Options.Add(listFormat);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, "api/v1/users", null, ct), result.GetValue(listFormat), Columns);
            return ExitCode.Success;
        }));

        var disableName = new Argument<string>("name") { Description = "User name" };
        var enable = new Option<bool>("--enable") { Description = "Enable the user again instead" };
        var disable = new Command("disable", "Disable a user: their tokens stop working at once (the last enabled admin cannot be disabled)");
        disable.Arguments.Add(disableName);
        disable.Options.Add(enable);
        disable.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var user = result.GetValue(disableName)!;
            var disabled = !result.GetValue(enable);
            await client.SendAsync(HttpMethod.Patch, "api/v1/users/" + RemoteOptions.Segment(user), new { disabled }, ct);
            await System.Console.Out.WriteLineAsync($"user {user} {(disabled ? "disabled" : "enabled")}");
            return ExitCode.Success;
        }));

        command.Subcommands.Add(UserPasswordCommand.Create(server));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        command.Subcommands.Add(disable);
        return command;
    }

    private static readonly (string, string)[] Columns = [("id", "id"), ("name", "name"), ("admin", "admin"), ("disabled", "disabled"), ("created", "createdAt")];
}
