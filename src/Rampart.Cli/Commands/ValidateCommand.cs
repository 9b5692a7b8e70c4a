using System.CommandLine;
using Rampart.Engine.Pipeline;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart validate [PATH]</c>: every problem of a pipeline file as <c>file:line:col: message</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path")
        {
            Description = "A pipeline file, or a folder holding .rampart/pipeline.yml (default: the current folder)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Check a pipeline file and report every problem with its position");
        command.Arguments.Add(path);
        command.SetAction(result => CliRunner.Run(() => Execute(result.GetValue(path))));
        return command;
    }

    private static ExitCode Execute(string? path)
    {
        var file = PipelineFileLocator.Locate(path ?? ".");
        var display = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        var loaded = PipelineLoader.LoadFile(file, display);
        foreach (var diagnostic in loaded.Diagnostics)
            System.Console.Error.WriteLine(diagnostic.ToString());
        if (!loaded.Succeeded)
            return ExitCode.UsageError;
        System.Console.Out.WriteLine($"{display}: ok ({loaded.Pipeline!.Jobs.Count} job{(loaded.Pipeline.Jobs.Count == 1 ? "" : "s")})");
        return ExitCode.Success;
    }
}
