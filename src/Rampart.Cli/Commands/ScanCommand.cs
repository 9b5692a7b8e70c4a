using System.CommandLine;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart scan …</c>: the scanners, one subcommand each (<c>secrets</c> now; dependencies and
/// config later). A new scanner adds its <see cref="Command"/> to <see cref="Subcommands"/>.
/// </summary>
internal static class ScanCommand
{
    private static IEnumerable<Func<Command>> Subcommands =>
    [
        ScanSecretsCommand.Create,
        ScanConfigCommand.Create,
        ScanDepsCommand.Create,
    ];

    public static Command Create()
    {
        var command = new Command("scan", "Run one security scanner on a folder, a git history or standard input");
        foreach (var create in Subcommands)
            command.Subcommands.Add(create());
        return command;
    }

    /// <summary><c>--format table|json|sarif</c>, shared by every scanner; read it with <see cref="FormatOf"/>.</summary>
    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "table: for people; json: the JSON report (a valid baseline); sarif: SARIF 2.1.0 for code scanning",
            DefaultValueFactory = _ => "table",
        };
        option.Validators.Add(result =>
        {
            if (!Enum.TryParse<ScanFormat>(result.GetValueOrDefault<string>(), ignoreCase: true, out _))
                result.AddError("--format must be table, json or sarif");
        });
        return option;
    }

    public static ScanFormat FormatOf(string value) => Enum.Parse<ScanFormat>(value, ignoreCase: true);

    /// <summary><c>--output FILE</c>: where the report goes instead of standard output.</summary>
    public static Option<string?> Output() => new("--output", "-o") { Description = "Write the report to FILE instead of standard output" };
}
