using System.CommandLine;
using Rampart.Cli.Output;

namespace Rampart.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Home { get; } = new("--home")
    {
        Description = "State folder for runs, logs and artifacts (default: RAMPART_HOME, else .rampart/ at the repository root)",
        Recursive = true,
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "table: for people; json: only JSON on stdout, progress on stderr; sarif: findings as SARIF 2.1.0 (where a command has findings)",
        DefaultValueFactory = _ => OutputFormat.Table,
    };
}
