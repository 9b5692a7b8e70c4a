using System.CommandLine;
using System.Globalization;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart runners token|list|remove</c>: admin side of the runners of a Rampart server.</summary>
internal static class RunnersCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var command = new Command("runners", "Registration tokens and the registered runners of a Rampart server (needs a server-wide admin)");
        command.Options.Add(server);

        var hours = new Option<int?>("--hours") { Description = "Hours the token stays valid, 1 to 720 (default: 24)" };
        var token = new Command("token", "Create a one-time registration token for `rampart runner --registration-token`; printed once on stdout");
        token.Options.Add(hours);
        token.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var hoursText = result.GetValue(hours) is { } h ? "?hours=" + h.ToString(CultureInfo.InvariantCulture) : "";
            var created = await client.SendAsync(HttpMethod.Post, "api/v1/runners/registration-tokens" + hoursText, null, ct);
            await System.Console.Error.WriteLineAsync($"one-time registration token, valid until {created.GetProperty("expiresAt").GetString()}:");
            await System.Console.Out.WriteLineAsync(created.GetProperty("token").GetString());
            return ExitCode.Success;
        }));

        var format = RemoteOptions.Format();
        var list = new Command("list", "List registered runners");
        list.Options.Add(format);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, "api/v1/runners", null, ct), result.GetValue(format),
                ("id", "id"), ("name", "name"), ("labels", "labels"), ("ephemeral", "ephemeral"), ("last seen", "lastSeenAt"));
            return ExitCode.Success;
        }));

        var id = new Argument<long>("id") { Description = "Runner id (from rampart runners list)" };
        var remove = new Command("remove", "Remove a runner: its credential stops working at once");
        remove.Arguments.Add(id);
        remove.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            await client.SendAsync(HttpMethod.Delete, "api/v1/runners/" + result.GetValue(id).ToString(CultureInfo.InvariantCulture), null, ct);
            await System.Console.Out.WriteLineAsync($"runner {result.GetValue(id)} removed");
            return ExitCode.Success;
        }));

        command.Subcommands.Add(token);
        command.Subcommands.Add(list);
        command.Subcommands.Add(remove);
        return command;
    }
}
