using System.CommandLine;

namespace Rampart.Cli.Commands.Remote;

/// <summary><c>rampart role set|remove|list</c>: who holds which role on which repository.</summary>
internal static class RoleCommand
{
    public static Command Create()
    {
        var server = RemoteOptions.Server();
        var command = new Command("role", "Manage roles per repository on a Rampart server (viewer, developer, maintainer, deployer, admin)");
        command.Options.Add(server);

        var setUser = new Argument<string>("user") { Description = "User name" };
        var role = new Argument<string>("role") { Description = "viewer, developer, maintainer, deployer or admin" };
        var setRepo = Repository();
        var set = new Command("set", "Give a user a role on a repository (or on every repository with --repo '*'), replacing the one they had there");
        set.Arguments.Add(setUser);
        set.Arguments.Add(role);
        set.Options.Add(setRepo);
        set.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var repository = result.GetValue(setRepo)!;
            var user = result.GetValue(setUser)!;
            await client.SendAsync(HttpMethod.Put, RemoteOptions.RolesPath(repository, user), new { role = result.GetValue(role) }, ct);
            await System.Console.Out.WriteLineAsync($"{user} is {result.GetValue(role)} on {repository}");
            return ExitCode.Success;
        }));

        var removeUser = new Argument<string>("user") { Description = "User name" };
        var removeRepo = Repository();
        var remove = new Command("remove", "Remove a user's role on a repository (or their role on every repository with --repo '*')");
        remove.Arguments.Add(removeUser);
        remove.Options.Add(removeRepo);
        remove.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            var repository = result.GetValue(removeRepo)!;
            var user = result.GetValue(removeUser)!;
            await client.SendAsync(HttpMethod.Delete, RemoteOptions.RolesPath(repository, user), null, ct);
            await System.Console.Out.WriteLineAsync($"{user} has no role on {repository} any more");
            return ExitCode.Success;
        }));

        var listRepo = new Option<string?>("--repo") { Description = "Roles on this repository (OWNER/REPO), including those on every repository" };
        var listUser = new Option<string?>("--user") { Description = "Roles of this user (default: yours)" };
        var format = RemoteOptions.Format();
        var list = new Command("list", "List roles on a repository, or of a user");
        list.Options.Add(listRepo);
        list.Options.Add(listUser);
        list.Options.Add(format);
        list.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var repository = result.GetValue(listRepo);
            var user = result.GetValue(listUser);
            if (repository is not null && user is not null)
                throw new UsageException("give --repo or --user, not both");
            if (repository == "*")
                throw new UsageException("--repo '*' cannot be listed; list a repository (its list includes roles on every repository) or a user");
            var path = repository is not null
                ? RemoteOptions.RolesPath(repository, "x")[..^"/x".Length]
                : $"api/v1/users/{RemoteOptions.Segment(user ?? "me")}/roles";
            using var client = ServerClient.FromEnvironment(result.GetValue(server));
            RemoteOutput.Print(await client.SendAsync(HttpMethod.Get, path, null, ct), result.GetValue(format), ("user", "user"), ("repository", "repository"), ("role", "role"));
            return ExitCode.Success;
        }));

        command.Subcommands.Add(set);
        command.Subcommands.Add(remove);
        command.Subcommands.Add(list);
        return command;
    }

    private static Option<string> Repository() => new("--repo")
    {
        Description = "OWNER/REPO, or '*' for every repository",
        Required = true,
    };
}
