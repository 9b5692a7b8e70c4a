using System.Diagnostics;

namespace Rampart.Cli.Tests.Ledger;

/// <summary>Runs the built <c>rampart</c> command as a separate process and captures its output.</summary>
public static class RampartProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(string home, params string[] args) => RunWithAsync(home, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables.</summary>
    public static async Task<Result> RunWithAsync(string home, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(home);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
