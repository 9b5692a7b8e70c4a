using System.Diagnostics;

namespace Rampart.Server.Tests.Service;

/// <summary>A local git repository with a pipeline file, committed; the service builds it by path.</summary>
public static class TestRepository
{
    public static async Task<(string Path, string Commit)> CreateAsync(string folder, string pipeline, IReadOnlyDictionary<string, string>? files = null)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(folder, ".rampart"));
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder, ".rampart", "pipeline.yml"), pipeline);
        foreach (var (name, text) in files ?? new Dictionary<string, string>())
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.Combine(folder, name))!);
            await File.WriteAllTextAsync(System.IO.Path.Combine(folder, name), text);
        }

        await GitAsync(folder, "init", "-q", "-b", "main");
        await GitAsync(folder, "add", "-A");
        await GitAsync(folder, "-c", "user.email=dev@rampart.example", "-c", "user.name=dev", "commit", "-q", "-m", "pipeline");
        return (folder, (await GitAsync(folder, "rev-parse", "HEAD")).Trim());
    }

    public static async Task<string> GitAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}
