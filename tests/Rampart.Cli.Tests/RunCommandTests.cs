using System.Text.Json;

namespace Rampart.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private const string Pipeline = """
        name: cli-demo
        on: { push: { branches: [main] } }
        jobs:
          build:
            steps:
              - name: make
                run: mkdir -p out && echo "built $RAMPART_SHA" > out/app.txt
            artifacts: [out/app.txt]
        """;

    private readonly TestRepository _repo = new();
    private readonly string _home = Directory.CreateTempSubdirectory("rampart-home-").FullName;

    [Fact]
    public async Task Run_Succeeds_AndIsRecordedInTheStateFolder()
    {
        var commit = _repo.WithPipeline(Pipeline).Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[build] ✓ make", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_repo.Root, ".rampart", "rampart.db")));

        var list = await CliProcess.RunAsync(_repo.Root, "runs", "list", "--format", "json");
        Assert.Equal(0, list.ExitCode);
        using var runs = JsonDocument.Parse(list.Stdout);
        var first = runs.RootElement[0];
        Assert.Equal(commit, first.GetProperty("commit").GetString());
        Assert.Equal("succeeded", first.GetProperty("status").GetString());

        var show = await CliProcess.RunAsync(_repo.Root, "runs", "show", first.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");
        using var details = JsonDocument.Parse(show.Stdout);
        var artifact = details.RootElement.GetProperty("artifacts")[0];
        Assert.Equal("out/app.txt", artifact.GetProperty("name").GetString());
        Assert.StartsWith("sha256:", artifact.GetProperty("digest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithJsonFormat_PrintsOnlyJsonOnStdout()
    {
        _repo.WithPipeline(Pipeline).Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--format", "json", "--home", _home);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("succeeded", json.RootElement.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("[build]", run.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_home, "rampart.db")));
    }

    [Fact]
    public async Task RampartHome_MovesTheStateFolder_ForEveryCommand()
    {
        _repo.WithPipeline(Pipeline).Commit();
        var env = new Dictionary<string, string?> { ["RAMPART_HOME"] = _home };

        var run = await CliProcess.RunAsync(_repo.Root, env, "run");
        var list = await CliProcess.RunAsync(_repo.Root, env, "runs", "list", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_repo.Root, ".rampart", "rampart.db")));
        Assert.Equal(1, JsonDocument.Parse(list.Stdout).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Run_FailingStep_ExitsOne()
    {
        _repo.WithPipeline("name: red\njobs:\n  build:\n    steps:\n      - run: exit 4\n").Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed (exit 4)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidPipeline_ExitsTwoWithPositions()
    {
        _repo.WithPipeline("name: bad\njobs:\n  build:\n    stepz: []\n").Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"\.rampart/pipeline\.yml:4:5: ", run.Stderr);
    }

    [Fact]
    public async Task Run_UnknownRef_ExitsTwoWithOneLine()
    {
        _repo.WithPipeline(Pipeline).Commit();

        var run = await CliProcess.RunAsync(_repo.Root, "run", "--ref", "no-such-branch", "--home", _home);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("rampart: no-such-branch: not a commit in " + _repo.Root + "\n", run.Stderr);
    }

    [Fact]
    public async Task Run_OutsideGit_ExitsTwo()
    {
        var run = await CliProcess.RunAsync(_home, "run", "--home", _home);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not inside a git repository", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutBubblewrap_RefusesToStart_UnlessExplicitlyUnsafe()
    {
        _repo.WithPipeline(Pipeline).Commit();
        var bin = Directory.CreateTempSubdirectory("rampart-path-").FullName;
        try
        {
            foreach (var tool in new[] { "git", "chown", "setpriv", "sh", "bash", "env" })
                File.CreateSymbolicLink(Path.Combine(bin, tool), "/usr/bin/" + tool);
            var env = new Dictionary<string, string?> { ["PATH"] = bin };

            var refused = await CliProcess.RunAsync(_repo.Root, env, "run", "--home", _home);
            var allowed = await CliProcess.RunAsync(_repo.Root, env, "run", "--home", _home, "--unsafe-no-sandbox");

            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("bubblewrap", refused.Stderr, StringComparison.Ordinal);
            Assert.Contains("--unsafe-no-sandbox", refused.Stderr, StringComparison.Ordinal);
            Assert.True(allowed.ExitCode == 0, allowed.ToString());
            Assert.Contains("without isolation", allowed.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Fact]
    public async Task Run_IsRecordedInTheLedger_WhichVerifies_AndDetectsAnEdit()
    {
        _repo.WithPipeline(Pipeline).Commit();
        await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        var verify = await CliProcess.RunAsync(_repo.Root, "ledger", "verify", "--home", _home);
        var show = await CliProcess.RunAsync(_repo.Root, "ledger", "show", "--format", "json", "--home", _home);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        var kinds = JsonDocument.Parse(show.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        // The app and the SBOM stage's two documents are signed, then the provenance covers them all.
        Assert.Equal(["run.started", "step.finished", "job.finished", "gate.decided"], kinds[..4]);
        Assert.Equal(["artifact.signed", "artifact.signed", "artifact.signed"], kinds[4..7]);
        Assert.Contains("provenance.created", kinds[7..^1]);
        Assert.Equal("run.finished", kinds[^1]);

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_home, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            // An attacker with write access to the file drops the append-only trigger first.
            edit.CommandText = "DROP TRIGGER entries_no_update; UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), 'succeeded', 'failed') AS BLOB) WHERE idx = (SELECT max(idx) FROM entries)";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        var tampered = await CliProcess.RunAsync(_repo.Root, "ledger", "verify", "--home", _home);
        Assert.Equal(1, tampered.ExitCode);
    }

    [Fact]
    public async Task RunsShow_UnknownId_ExitsTwo()
    {
        _repo.WithPipeline(Pipeline).Commit();
        await CliProcess.RunAsync(_repo.Root, "run", "--home", _home);

        var show = await CliProcess.RunAsync(_repo.Root, "runs", "show", "999", "--home", _home);

        Assert.Equal(2, show.ExitCode);
        Assert.Equal("rampart: run 999: no such run\n", show.Stderr);
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
