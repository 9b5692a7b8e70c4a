using System.Diagnostics;

namespace Rampart.Cli.Tests.Deps;

/// <summary>Runs the built <c>rampart</c> (next to the tests) as a process with its own environment, and finds the shared test data.</summary>
internal static class RampartProcess
{
    public static string TestData
    {
        get
        {
            if (Environment.GetEnvironmentVariable("RAMPART_TESTDATA") is { Length: > 0 } overridden)
                return Path.GetFullPath(overridden);
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Rampart.slnx")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata"));
            }

            throw new InvalidOperationException("No Rampart.slnx above the test binary.");
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rampart.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, ".cache");
        start.Environment.Remove("RAMPART_OSV_DB");
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
