using System.CommandLine;
using Rampart.Policy;
using Rampart.Policy.Gate;
using Rampart.Policy.Testing;
using Rampart.Policy.Values;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart policy eval</c> and <c>rampart policy test</c>: the Rego engine on its own, like
/// <c>opa eval</c> / <c>opa test</c>. Errors in a .rego file print as <c>file:line:col: message</c> (exit 2).
/// </summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Evaluate and test Rego policies (policy as code)");
        command.Subcommands.Add(Eval());
        command.Subcommands.Add(Test());
        return command;
    }

    private static Command Eval()
    {
        var query = new Argument<string>("query") { Description = "A Rego query, e.g. data.rampart.gate.deny" };
        var data = new Option<string[]>("--data", "-d") { Description = "Policy and data: a .rego or .json/.yaml file, or a folder (repeatable)", AllowMultipleArgumentsPerToken = false };
        var input = new Option<string?>("--input", "-i") { Description = "The input document: a JSON or YAML file, or - for stdin" };
        var format = new Option<string>("--format") { Description = "raw: the value as JSON (like opa eval --format raw); json: OPA's full result document", DefaultValueFactory = _ => "raw" };
        format.AcceptOnlyFromAmong("raw", "json");
        var strict = new Option<bool>("--strict-builtin-errors") { Description = "Raise built-in errors instead of treating them as undefined" };
        var command = new Command("eval", "Evaluate a query; an undefined result prints nothing and exits 1");
        command.Arguments.Add(query);
        command.Options.Add(data);
        command.Options.Add(input);
        command.Options.Add(format);
        command.Options.Add(strict);
        command.SetAction(r => CliRunner.Run(() => Reported(() => RunEval(r.GetValue(query)!, r.GetValue(data) ?? [], r.GetValue(input), r.GetValue(format)!, r.GetValue(strict)))));
        return command;
    }

    private static Command Test()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders or .rego files with test_ rules", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every test, not only failures" };
        var command = new Command("test", "Run test_ rules (like opa test); exit 1 when any fails");
        command.Arguments.Add(paths);
        command.Options.Add(verbose);
        command.SetAction(r => CliRunner.Run(() => Reported(() => RunTest(r.GetValue(paths)!, r.GetValue(verbose)))));
        return command;
    }

    private static (RegoPolicy Policy, Value Data) Load(IEnumerable<string> paths, bool includeTests)
    {
        var modules = new List<RegoModuleSource>();
        var data = ObjectValue.Empty;
        foreach (var path in paths)
        {
            if (File.Exists(path) && (path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)))
            {
                data = ValueDocuments.Merge(data, ReadDocument(path) as ObjectValue ?? throw new UsageException($"{path}: data must be an object"));
                continue;
            }

            var folder = Wrap(() => PolicyFolder.Load(path, includeTests));
            modules.AddRange(folder.Modules);
            data = ValueDocuments.Merge(data, (ObjectValue)folder.Data);
        }

        return (Wrap(() => RegoPolicy.Compile(modules)), data);
    }

    /// <summary>A policy error prints as <c>file:line:col: code: message</c> on its own line, exit 2.</summary>
    private static ExitCode Reported(Func<ExitCode> action)
    {
        try
        {
            return action();
        }
        catch (RegoException e)
        {
            System.Console.Error.WriteLine(e.Message);
            return ExitCode.UsageError;
        }
    }

    private static T Wrap<T>(Func<T> f)
    {
        try
        {
            return f();
        }
        catch (PolicyLoadException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static Value ReadDocument(string path)
    {
        string text;
        try
        {
            text = path == "-" ? System.Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }

        try
        {
            return ValueDocuments.Parse(text, yaml: path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: not a valid document: {e.Message}");
        }
    }

    private static ExitCode RunEval(string query, string[] dataPaths, string? inputPath, string format, bool strict)
    {
        var (policy, data) = Load(dataPaths, includeTests: false);
        var prepared = Wrap(() => policy.Prepare(query));
        var options = new RegoQueryOptions { Data = data, Input = inputPath is null ? null : ReadDocument(inputPath), StrictBuiltinErrors = strict };
        var results = Wrap(() => prepared.Run(options));
        if (format == "json")
        {
            System.Console.Out.WriteLine(EvalJson.Render(query, results));
            return results.Count == 0 ? ExitCode.Failure : ExitCode.Success;
        }

        foreach (var solution in results)
        {
            foreach (var value in solution.Expressions)
                System.Console.Out.WriteLine(ValueJson.Serialize(value));
        }

        return results.Count == 0 ? ExitCode.Failure : ExitCode.Success;
    }

    private static ExitCode RunTest(string[] paths, bool verbose)
    {
        var (policy, data) = Load(paths, includeTests: true);
        var results = PolicyTestRunner.Run(policy, data);
        foreach (var r in results.Where(r => verbose || !r.Passed))
        {
            var status = r.Error is not null ? "ERROR" : r.Passed ? "PASS" : "FAIL";
            System.Console.Out.WriteLine($"{r.File}: {r.Name}: {status} ({r.Duration.TotalMilliseconds:0.###}ms){(r.Error is null ? "" : ": " + r.Error)}");
        }

        var passed = results.Count(r => r.Passed);
        System.Console.Out.WriteLine(results.Count == 0 ? "no tests found" : $"PASS: {passed}/{results.Count}" + (passed < results.Count ? $"\nFAIL: {results.Count - passed}/{results.Count}" : ""));
        return passed == results.Count ? ExitCode.Success : ExitCode.Failure;
    }
}
