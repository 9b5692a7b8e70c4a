using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rampart.Cli.Hosting;
using Rampart.Cli.Output;
using Rampart.Security.Vault;
using Spectre.Console;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart secrets set|list|rm|rotate-master</c>. Values are read from standard input or a prompt
/// that does not echo, never from an argument (arguments land in shell history and in /proc). With
/// <c>--database postgres:…</c> (or <c>RAMPART_SERVER_DATABASE</c>) they work on the vault of the
/// server replicas on that PostgreSQL, from any host that has the master key.
/// </summary>
internal static class SecretsCommand
{
    private static readonly Option<string?> Database = new("--database")
    {
        Description = "The server's database when it is postgres:CONNECTION-STRING: its vault is there (default: RAMPART_SERVER_DATABASE; "
            + "sqlite or unset: the state folder's vault/)",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("secrets", "Manage the encrypted secret vault of a state folder or of a server's PostgreSQL");
        command.Options.Add(Database);
        command.Subcommands.Add(CreateSet());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRemove());
        command.Subcommands.Add(CreateRotate());
        return command;
    }

    private static Command CreateSet()
    {
        var name = new Argument<string>("name") { Description = "Secret name, as jobs list it under permissions.secrets ([A-Z_][A-Z0-9_]*)" };
        var scope = new ScopeOptions();
        var set = new Command("set", "Store a new version of a secret; the value comes from standard input or a hidden prompt");
        set.Arguments.Add(name);
        scope.AddTo(set);
        set.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            using var vault = await OpenAsync(result, create: true, cancellationToken);
            var keys = MasterKeySource.FromEnvironment();
            var keyExisted = keys.IsInline || File.Exists(keys.FilePath);
            var value = ReadValue(result.GetValue(name)!);
            var chosen = scope.Read(result);
            var version = Vault(() => vault.Set(result.GetValue(name)!, chosen, value));
            if (!keyExisted)
                System.Console.Error.WriteLine($"rampart: created the vault master key at {keys.FilePath} (mode 0600). Back it up apart from the state folder: without it no secret can be read.");
            System.Console.Out.WriteLine($"{result.GetValue(name)}: version {version} stored (scope: {chosen})");
            return ExitCode.Success;
        }));
        return set;
    }

    private static Command CreateList()
    {
        var format = CommonOptions.Format();
        var list = new Command("list", "Show names, scopes, versions and ages of the secrets (never values)");
        list.Options.Add(format);
        list.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            IReadOnlyList<VaultSecretInfo> secrets;
            using (var vault = await OpenAsync(result, create: false, cancellationToken))
                secrets = vault.List();
            if (result.GetValue(format) == OutputFormat.Json)
            {
                System.Console.Out.WriteLine(ListJson(secrets));
                return ExitCode.Success;
            }

            var table = new Table().AddColumns("name", "scope", "versions", "latest", "updated", "status");
            foreach (var s in secrets)
            {
                table.AddRow(Markup.Escape(s.Name), Markup.Escape(s.Scope.ToString()), s.Versions.ToString(CultureInfo.InvariantCulture),
                    s.LatestVersion.ToString(CultureInfo.InvariantCulture), s.Updated is { } u ? Age(u) : "-",
                    s.Problem is null ? "ok" : "[red]unreadable[/]: " + Markup.Escape(s.Problem));
            }

            AnsiConsole.Write(table);
            return secrets.Any(s => s.Problem is not null) ? ExitCode.Failure : ExitCode.Success;
        }));
        return list;
    }

    private static Command CreateRemove()
    {
        var name = new Argument<string>("name") { Description = "Secret name" };
        var scope = new ScopeOptions();
        var unscoped = new Option<bool>("--unscoped") { Description = "The copy without any scope, when the name also exists with scopes" };
        var rm = new Command("rm", "Delete every version of a secret (a file is overwritten, then unlinked; rows are deleted)");
        rm.Arguments.Add(name);
        scope.AddTo(rm);
        rm.Options.Add(unscoped);
        rm.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var chosen = result.GetValue(unscoped) ? VaultScope.Any : scope.Given(result) ? scope.Read(result) : null;
            using var vault = await OpenAsync(result, create: false, cancellationToken);
            var removed = Vault(() => vault.Remove(result.GetValue(name)!, chosen));
            if (removed == 0)
                throw new UsageException($"{result.GetValue(name)}: no such secret{(chosen is null ? "" : $" with scope {chosen}")}");
            System.Console.Out.WriteLine($"{result.GetValue(name)}: removed");
            return ExitCode.Success;
        }));
        return rm;
    }

    private static Command CreateRotate()
    {
        var rotate = new Command("rotate-master", "Re-wrap every data key under a new master key and retire the old key");
        rotate.SetAction((result, cancellationToken) => CliRunner.RunAsync(async () =>
        {
            var keys = MasterKeySource.FromEnvironment();
            using var vault = await OpenAsync(result, create: false, cancellationToken);
            var outcome = Vault(vault.RotateMaster);
            System.Console.Out.WriteLine($"master key {outcome.OldKeyId} -> {outcome.NewKeyId}: {outcome.Entries} secrets, {outcome.Versions} versions re-wrapped");
            if (keys.IsInline)
                System.Console.Out.WriteLine($"now set {MasterKeySource.KeyVariable} to the value of {MasterKeySource.NewKeyVariable}, and unset {MasterKeySource.NewKeyVariable}");
            foreach (var problem in outcome.Unreadable)
                System.Console.Error.WriteLine("rampart: left as it was (unreadable): " + problem);
            return outcome.Unreadable.Count == 0 ? ExitCode.Success : ExitCode.Failure;
        }));
        return rotate;
    }

    /// <summary>The state folder's vault, or the one in the server's PostgreSQL (then no state folder is needed).</summary>
    private static async Task<SecretVault> OpenAsync(ParseResult result, bool create, CancellationToken cancellationToken)
    {
        var state = StateFolder.Resolve(result.GetValue(CommonOptions.Home), Directory.GetCurrentDirectory());
        var (value, where) = result.GetValue(Database) is { } given
            ? (given, "--database")
            : (Environment.GetEnvironmentVariable(LedgerStorages.DatabaseVariable), LedgerStorages.DatabaseVariable);
        var database = LedgerStorages.Parse(value, where);
        if (database is null)
            StateFolder.Ensure(state);
        return await VaultStorages.OpenAsync(state, database, create, cancellationToken);
    }

    private static T Vault<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (VaultException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Standard input when it is redirected (one trailing newline dropped), else a prompt that echoes nothing.</summary>
    private static string ReadValue(string name)
    {
        string value;
        if (System.Console.IsInputRedirected)
        {
            value = System.Console.In.ReadToEnd();
            if (value.EndsWith("\r\n", StringComparison.Ordinal))
                value = value[..^2];
            else if (value.EndsWith('\n'))
                value = value[..^1];
        }
        else
        {
            System.Console.Error.Write($"value for {name} (not shown): ");
            var typed = new StringBuilder();
            while (System.Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (typed.Length > 0)
                        typed.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            System.Console.Error.WriteLine();
            value = typed.ToString();
        }

        return value.Length == 0 ? throw new UsageException("no value given (pipe it in, e.g. rampart secrets set NAME < file)") : value;
    }

    private static string Age(DateTimeOffset time)
    {
        var age = DateTimeOffset.UtcNow - time;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d ago" : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h ago" : $"{Math.Max(0, (int)age.TotalMinutes)}m ago";
    }

    private static string ListJson(IReadOnlyList<VaultSecretInfo> secrets)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var s in secrets)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("repository", s.Scope.Repository);
                json.WriteString("environment", s.Scope.Environment);
                json.WriteString("branch", s.Scope.Branch);
                json.WriteNumber("versions", s.Versions);
                json.WriteNumber("latestVersion", s.LatestVersion);
                if (s.Created is { } created)
                    json.WriteString("created", created);
                if (s.Updated is { } updated)
                    json.WriteString("updated", updated);
                json.WriteString("problem", s.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
