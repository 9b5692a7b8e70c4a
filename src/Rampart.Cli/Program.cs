using System.CommandLine;
using Rampart.Cli;
using Rampart.Cli.Commands;

var root = new RootCommand("Rampart: a secure-by-default CI/CD system. Sandboxed builds, security gates, signed artifacts.");
root.Options.Add(CommonOptions.Home);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(RunsCommand.Create());
root.Subcommands.Add(ScanCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        await Console.Error.WriteLineAsync("rampart: " + error.Message);
    return (int)ExitCode.UsageError;
}

return await parsed.InvokeAsync();
