using System.CommandLine;
using Rampart.Cli;
using Rampart.Cli.Commands;
using Rampart.Cli.Commands.Remote;

var root = new RootCommand("Rampart: a secure-by-default CI/CD system. Sandboxed builds, security gates, signed artifacts.");
root.Options.Add(CommonOptions.Home);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ScanCommand.Create());
root.Subcommands.Add(SecretsCommand.Create());
root.Subcommands.Add(OidcCommand.Create());
root.Subcommands.Add(LedgerCommand.Create());
root.Subcommands.Add(DocsCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(SignCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(AttestCommand.Create());
root.Subcommands.Add(PushCommand.Create());
root.Subcommands.Add(PullCommand.Create());
root.Subcommands.Add(PolicyCommand.Create());
root.Subcommands.Add(SbomCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(ServerCommand.Create());
root.Subcommands.Add(RunnerCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(RoleCommand.Create());
root.Subcommands.Add(RepoCommand.Create());
root.Subcommands.Add(TriggerCommand.Create());
root.Subcommands.Add(RunnersCommand.Create());
root.Subcommands.Add(EnvironmentCommand.Create());
root.Subcommands.Add(ApproveCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        await Console.Error.WriteLineAsync("rampart: " + error.Message);
    return (int)ExitCode.UsageError;
}

return await parsed.InvokeAsync();
