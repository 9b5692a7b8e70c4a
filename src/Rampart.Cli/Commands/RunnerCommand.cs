using System.CommandLine;
using Rampart.Runner;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart runner</c>: take jobs from a Rampart server and run them in the sandbox.</summary>
internal static class RunnerCommand
{
    public static Command Create()
    {
        var server = new Option<string?>("--server") { Description = "The server's URL (default: RAMPART_SERVER)" };
        var token = new Option<string?>("--registration-token") { Description = "One-time token to register this runner (default: RAMPART_RUNNER_TOKEN); not needed once registered" };
        var name = new Option<string>("--name") { Description = "The runner's name", DefaultValueFactory = _ => Environment.MachineName };
        var labels = new Option<string[]>("--label") { Description = "A label jobs can ask for with runs-on (repeatable)" };
        var ephemeral = new Option<bool>("--ephemeral") { Description = "Take one job, report it and exit" };
        var unsafeNoSandbox = new Option<bool>("--unsafe-no-sandbox") { Description = "Run steps without the sandbox (only for machines that run nothing else)" };
        var command = new Command("runner", "Register with a Rampart server and run its jobs (docs/server.md)");
        foreach (var option in new Option[] { server, token, name, labels, ephemeral, unsafeNoSandbox })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var url = result.GetValue(server) ?? Environment.GetEnvironmentVariable("RAMPART_SERVER");
            if (url is null || !Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https"))
                throw new UsageException($"--server: '{url}' is not an http:// or https:// URL (or set RAMPART_SERVER)");
            var settings = new RunnerSettings
            {
                Server = serverUri,
                StateDirectory = ServerCommand.ServiceState(result.GetValue(CommonOptions.Home), "RAMPART_RUNNER_HOME", ".rampart-runner"),
                Labels = [.. result.GetValue(labels) ?? []],
                Ephemeral = result.GetValue(ephemeral),
                UnsafeNoSandbox = result.GetValue(unsafeNoSandbox),
            };
            var agent = new RunnerAgent(settings, line => System.Console.Out.WriteLine(line));
            try
            {
                if ((result.GetValue(token) ?? Environment.GetEnvironmentVariable("RAMPART_RUNNER_TOKEN")) is { Length: > 0 } registration
                    && RunnerIdentity.Load(settings.CredentialPath, settings.Server) is null)
                    await agent.RegisterAsync(registration, result.GetValue(name)!, cancellationToken);
                await agent.RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is RunnerException or RunnerServerException or HttpRequestException)
            {
                throw new UsageException(e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return ExitCode.Success;
        }));
        return command;
    }
}
