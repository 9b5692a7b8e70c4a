using System.CommandLine;
using Rampart.Cli.Hosting;
using Rampart.Server.Hosting;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart server</c>: the service — webhooks, API, runner protocol, orchestration.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML file of settings (see docs/server.md); RAMPART_SERVER_* variables and flags override it" };
        var listen = new Option<string?>("--listen") { Description = "URL to listen on (default http://127.0.0.1:8080; port 0 picks a free port)" };
        var database = new Option<string?>("--database") { Description = "sqlite (default), sqlite:PATH or postgres:CONNECTION-STRING" };
        var publicUrl = new Option<string?>("--public-url") { Description = "URL people and runners reach this server at" };
        var set = new Option<string[]>("--set") { Description = "Any setting as KEY=VALUE (repeatable), e.g. --set job_lease_seconds=20" };
        var admin = new Option<string>("--admin") { Description = "Name of the first admin, created with a token (printed once) when the server has no users", DefaultValueFactory = _ => "admin" };
        var command = new Command("server", "Run the Rampart service: webhooks, API, runners, orchestration (docs/server.md)");
        foreach (var option in new Option[] { config, listen, database, publicUrl, set, admin })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var state = ServiceState(result.GetValue(CommonOptions.Home), "RAMPART_HOME", ".rampart-server");
            StateFolder.Ensure(state);
            var flags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, option) in new[] { ("listen", listen), ("database", database), ("public_url", publicUrl) })
            {
                if (result.GetValue(option) is { } value)
                    flags[name] = value;
            }

            foreach (var pair in result.GetValue(set) ?? [])
            {
                var cut = pair.IndexOf('=', StringComparison.Ordinal);
                if (cut <= 0)
                    throw new UsageException($"--set: '{pair}' is not KEY=VALUE");
                flags[pair[..cut]] = pair[(cut + 1)..];
            }

            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
            ServerOptions options;
            try
            {
                options = ServerConfiguration.Load(state, result.GetValue(config), environment, flags);
            }
            catch (ServerConfigurationException e)
            {
                throw new UsageException(e.Message);
            }

            return await ServerHost.RunAsync(options, result.GetValue(admin)!, cancellationToken);
        }));
        return command;
    }

    /// <summary>A service's state folder: <c>--home</c>, else the variable, else a folder in the user's home.</summary>
    internal static string ServiceState(string? home, string variable, string defaultName)
    {
        var chosen = home ?? Environment.GetEnvironmentVariable(variable);
        return Path.GetFullPath(chosen is { Length: > 0 } ? chosen : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), defaultName));
    }
}
