using System.Diagnostics;

namespace Rampart.Cli.Tests;

/// <summary>A real git repository in a temp folder, for runs that check out a commit.</summary>
internal sealed class TestRepository : IDisposable
{
    public TestRepository()
    {
        Root = Directory.CreateTempSubdirectory("rampart-repo-").FullName;
        Git("init", "--quiet", "--initial-branch=main");
        Git("config", "user.email", "ci@rampart.example");
        Git("config", "user.name", "Rampart Tests");
        Git("config", "commit.gpgsign", "false");
    }

    public string Root { get; }

    public TestRepository WithPipeline(string yaml) => WithFile(".rampart/pipeline.yml", yaml);

    public TestRepository WithFile(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public string Commit(string message = "change")
    {
        Git("add", "-A");
        Git("commit", "--quiet", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
