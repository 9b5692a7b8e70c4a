using System.CommandLine;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart repo add|list</c>: repositories a Rampart server builds.</summary>
internal static class RepoCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var command = new Command("repo", "Register and list the repositories a Rampart server builds");
        command.Options.Add(server);

        var name = new Argument<string>("name") { Description = "OWNER/REPO, as webhooks, roles and secrets name it" };
        var url = new Argument<string>("clone-url") { Description = "Where the server and runners fetch commits: an https://, ssh:// or file:// URL, or an absolute path" };
        var branch = new Option<string?>("--default-branch") { Description = "Built by manual runs without --ref (default: main)" };
        var protect = new Option<string[]>("--protect") { Description = "Branch glob whose commits must be signed by an allowed signer (repeatable)" };
        var poll = new Option<int?>("--poll-seconds") { Description = "Poll the remote for new commits this often (default: 0, webhooks only)" };
        var add = new Command("add", "Register a repository (needs the maintainer or admin role)");
        add.Arguments.Add(name);
        add.Arguments.Add(url);
        foreach (var option in new Option[] { branch, protect, poll })
            add.Options.Add(option);
        add.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var added = await client.SendAsync(HttpMethod.Post, "api/v1/repositories", new
            {
                name = result.GetValue(name), cloneUrl = result.GetValue(url), defaultBranch = result.GetValue(branch),
                protectedBranches = result.GetValue(protect), pollSeconds = result.GetValue(poll),
            }, ct);
            await System.Console.Out.WriteLineAsync($"registered {added.GetProperty("name").GetString()} (id {added.GetProperty("id").GetRawText()}); webhooks: {client.Server}hooks/<github|gitlab|gitea|forgejo|bitbucket>");
            return ExitCode.Success;
        }));

        var format = RemoteOptions.Format();
        var list = new Command("list", "List the repositories you may read");
        list.Options.Add(format);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, "api/v1/repositories", null, ct), result.GetValue(format),
                ("name", "name"), ("clone url", "cloneUrl"), ("default branch", "defaultBranch"), ("poll s", "pollSeconds"));
            return ExitCode.Success;
        }));

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }
}
