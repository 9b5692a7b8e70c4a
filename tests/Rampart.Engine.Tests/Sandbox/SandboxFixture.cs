using System.Text;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Sandbox;

namespace Rampart.Engine.Tests.Sandbox;

/// <summary>A throw-away job directory and a helper that runs one script in the real bubblewrap sandbox.</summary>
internal sealed class SandboxFixture : IDisposable
{
    private readonly JobDirectory _job;

    public SandboxFixture()
    {
        Root = Directory.CreateTempSubdirectory("rampart-sbx-").FullName;
        // Traversable (not listable) so the unprivileged step user can reach its own job directory.
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        _job = Engine.Sandbox.JobDirectory.Create(Path.Combine(Root, "jobs"), "job");
        _job.HandToStepUser();
    }

    /// <summary>A private host folder beside the jobs, standing in for the state folder.</summary>
    public string Root { get; }

    public string JobDirectory => _job.Path;

    public string Workspace => _job.Workspace;

    public static IStepExecutor Executor()
    {
        // These tests exist to prove isolation; a missing bwrap must fail them, never skip them.
        var bwrap = BubblewrapExecutor.FindOnPath("bwrap");
        Assert.True(bwrap is not null, "bubblewrap is required for sandbox tests: apt-get install bubblewrap");
        return new BubblewrapExecutor(bwrap!);
    }

    public async Task<(SandboxResult Result, string Output)> RunAsync(
        string script,
        NetworkMode network = NetworkMode.None,
        TimeSpan? timeout = null,
        ResourceLimits? limits = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringBuilder();
        var request = new SandboxRequest(
            JobDirectory,
            ".",
            script,
            environment ?? new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = BubblewrapExecutor.HomeMount },
            network,
            limits ?? ResourceLimits.Default,
            timeout ?? TimeSpan.FromSeconds(60));
        var result = await Executor().RunAsync(request, chunk => output.Append(Encoding.UTF8.GetString(chunk.Span)), TestContext.Current.CancellationToken);
        return (result, output.ToString());
    }

    public void Dispose()
    {
        _job.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
