using System.CommandLine;
using System.Globalization;
using System.Net;
using Rampart.Cli.Hosting;
using Rampart.Security.Identity;
using Spectre.Console;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart oidc init|rotate|keys|serve</c>: the issuer of the jobs' id-tokens.</summary>
internal static class OidcCommand
{
    public static Command Create()
    {
        var command = new Command("oidc", "The OIDC issuer that signs short-lived id-tokens for jobs with id-token: write");
        command.Subcommands.Add(CreateInit());
        command.Subcommands.Add(CreateRotate());
        command.Subcommands.Add(CreateKeys());
        command.Subcommands.Add(CreateServe());
        return command;
    }

    private static Command CreateInit()
    {
        var issuer = new Option<string>("--issuer") { Description = "Public https URL where discovery and JWKS are served (the tokens' iss)", Required = true };
        var algorithm = new Option<SigningAlgorithm>("--alg") { Description = "RS256 (accepted by every cloud) or ES256", DefaultValueFactory = _ => SigningAlgorithm.RS256 };
        var lifetime = new Option<int>("--lifetime-minutes") { Description = "Token lifetime in minutes, 1 to 60", DefaultValueFactory = _ => 5 };
        var init = new Command("init", "Set the issuer URL and algorithm, and create the first signing key");
        foreach (var option in new Option[] { issuer, algorithm, lifetime })
            init.Options.Add(option);
        init.SetAction((result, _) => CliRunner.RunAsync(() =>
        {
            var life = TimeSpan.FromMinutes(result.GetValue(lifetime));
            var settings = new IssuerSettings(result.GetValue(issuer)!.TrimEnd('/'), result.GetValue(algorithm), life);
            var keys = Keys(result);
            Identity(() => keys.SaveSettings(settings));
            var active = Identity(() => keys.Active(settings));
            if (active.Algorithm != settings.Algorithm)
                active = Identity(() => keys.Rotate(settings));
            System.Console.Out.WriteLine($"issuer {settings.Issuer}: {settings.Algorithm} key {active.KeyId}, tokens live {settings.TokenLifetime.TotalMinutes:0.#} min");
            System.Console.Out.WriteLine($"serve {settings.DiscoveryUri} and {settings.JwksUri} (rampart oidc serve behind an https proxy)");
            return Task.FromResult(ExitCode.Success);
        }));
        return init;
    }

    private static Command CreateRotate()
    {
        var rotate = new Command("rotate", "Start signing with a new key; the old one stays in the JWKS until its tokens have expired");
        rotate.SetAction((result, _) => CliRunner.RunAsync(() =>
        {
            var keys = Keys(result);
            var settings = Settings(keys);
            var fresh = Identity(() => keys.Rotate(settings));
            System.Console.Out.WriteLine($"signing with {fresh.Algorithm} key {fresh.KeyId}");
            return Task.FromResult(ExitCode.Success);
        }));
        return rotate;
    }

    private static Command CreateKeys()
    {
        var keysCommand = new Command("keys", "List the published signing keys");
        keysCommand.SetAction((result, _) => CliRunner.RunAsync(() =>
        {
            var keys = Keys(result);
            var settings = Settings(keys);
            var table = new Table().AddColumns("kid", "alg", "created", "state");
            foreach (var key in Identity(() => keys.Published(settings.TokenLifetime)))
            {
                var state = key.Retired is { } retired
                    ? $"retired, published until {(retired + settings.TokenLifetime + IssuerSettings.ClockSkew).ToString("u", CultureInfo.InvariantCulture)}"
                    : "active";
                table.AddRow(key.KeyId, key.Algorithm.ToString(), key.Created.ToString("u", CultureInfo.InvariantCulture), state);
            }

            AnsiConsole.Write(table);
            return Task.FromResult(ExitCode.Success);
        }));
        return keysCommand;
    }

    private static Command CreateServe()
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on", DefaultValueFactory = _ => "127.0.0.1:8780" };
        var serve = new Command("serve", "Serve the discovery document and JWKS over HTTP until interrupted");
        serve.Options.Add(listen);
        serve.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            if (!IPEndPoint.TryParse(result.GetValue(listen)!, out var endpoint) || endpoint.Port == 0)
                throw new UsageException($"--listen: '{result.GetValue(listen)}' is not ADDRESS:PORT (for example 127.0.0.1:8780)");
            var keys = Keys(result);
            var settings = Settings(keys);
            using var server = new OidcHttpServer(settings, keys, endpoint);
            try
            {
                server.Start();
            }
            catch (HttpListenerException e)
            {
                throw new UsageException($"--listen {endpoint}: {e.Message}");
            }

            await System.Console.Error.WriteLineAsync($"rampart: serving {settings.Issuer} discovery and JWKS on {server.Prefix} (Ctrl+C stops)");
            await server.RunAsync(cancellationToken);
            return ExitCode.Success;
        }));
        return serve;
    }

    private static SigningKeyStore Keys(ParseResult result)
    {
        var state = StateFolder.Resolve(result.GetValue(CommonOptions.Home), Directory.GetCurrentDirectory());
        StateFolder.Ensure(state);
        return new SigningKeyStore(SigningKeyStore.DirectoryIn(state));
    }

    private static IssuerSettings Settings(SigningKeyStore keys) =>
        Identity(keys.LoadSettings) ?? throw new UsageException("no issuer configured here; run: rampart oidc init --issuer https://ci.example");

    private static T Identity<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (IdentityException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Identity(Action action) => Identity(() =>
    {
        action();
        return 0;
    });
}
