using System.Diagnostics;
using Rampart.Cli.Hosting;
using Rampart.Core.Runs;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;
using Rampart.Security.Identity;
using Rampart.Security.Vault;
using Rampart.Store.Sqlite;

namespace Rampart.Cli.Tests.Secrets;

/// <summary>
/// A real run as <c>rampart run</c> wires it: a git repository with a pipeline, the vault and the
/// OIDC issuer of a state folder, the SQLite store and bubblewrap. Everything lives in a temp folder.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public PipelineHarness(string pipeline)
    {
        Root = Directory.CreateTempSubdirectory("rampart-e2e-").FullName;
        // Traversable (not listable) so the unprivileged step user can reach its job folder.
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        State = Path.Combine(Root, "state");
        Repository = Path.Combine(Root, "repo");
        Directory.CreateDirectory(Path.Combine(Repository, ".rampart"));
        File.WriteAllText(Path.Combine(Repository, ".rampart", "pipeline.yml"), pipeline);
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.email=test@ci.example", "-c", "user.name=test", "commit", "-q", "-m", "pipeline");
        Vault = new SecretVault(SecretVault.DirectoryIn(State), new MasterKeySource(null, Path.Combine(Root, "config", "master.key")));
        Keys = new SigningKeyStore(SigningKeyStore.DirectoryIn(State));
        Settings = new IssuerSettings("http://127.0.0.1:9", SigningAlgorithm.ES256, IssuerSettings.DefaultLifetime);
        Keys.SaveSettings(Settings);
    }

    public string Root { get; }

    public string State { get; }

    public string Repository { get; }

    public SecretVault Vault { get; }

    public SigningKeyStore Keys { get; }

    public IssuerSettings Settings { get; }

    public CollectingObserver Observer { get; } = new();

    public async Task<RunDetails> RunAsync(bool trusted = true, string eventName = "push", bool issuerConfigured = true)
    {
        // Detect() throws when bubblewrap is missing: these tests must fail then, never skip.
        var executor = BubblewrapExecutor.Detect();
        var ct = TestContext.Current.CancellationToken;
        var revision = await GitSource.ResolveAsync(Repository, "HEAD", dirty: false, ct);
        var text = await GitSource.ReadPipelineAsync(revision, ct);
        var loaded = PipelineLoader.Parse(text!, revision.PipelinePath);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var store = new SqliteRunStore(Path.Combine(State, "rampart.db"));
        using var issuer = new OidcIssuer(Settings, Keys);
        await using var ledger = Rampart.Security.Ledger.AuditLedger.Open(State);
        var (signer, verifier, _) = Rampart.Cli.Hosting.SigningHost.Create(State);
        var runner = new PipelineRunner(
            new EngineOptions(State) { JobsDirectory = Path.Combine(Root, "jobs"), MaxParallelJobs = 2, RunnerEnvironment = "local" },
            executor, store, new FileSystemArtifactStore(Path.Combine(State, "artifacts")), [],
            new LocalSecretSource([], Vault), new SecretMasker(), ledger, Observer, idTokens: issuerConfigured ? issuer : null)
        {
            Signer = signer,
            DeployVerifier = verifier,
        };
        var run = await runner.RunAsync(new RunRequest(loaded.Pipeline!, revision, eventName) { Trusted = trusted, RepositoryName = "acme/app" }, ct);
        return (await store.GetRunAsync(run.Id, ct))!;
    }

    /// <summary>The stored log of one job's step.</summary>
    public string Log(RunDetails run, string job, int index = 0) =>
        File.ReadAllText(Path.Combine(State, run.Steps.Single(s => s.Job == job && s.Index == index).LogPath!));

    /// <summary>Every byte the run left in the state folder (logs, database, hand-out records), as text.</summary>
    public string EverythingStored() =>
        string.Join("\n", Directory.GetFiles(State, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/vault/", StringComparison.Ordinal) && !f.Contains("/identity/", StringComparison.Ordinal))
            .Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));

    /// <summary>The run's secret and token hand-outs as recorded in the ledger, one canonical JSON entry a line.</summary>
    public string HandOuts(RunDetails run)
    {
        using var reader = Rampart.Security.Ledger.LedgerReader.Open(State);
        var prefix = $"run/{run.Run.Id}/";
        return string.Concat(reader.Entries()
            .Where(e => e.Kind is Core.Audit.AuditKinds.SecretIssued or Core.Audit.AuditKinds.TokenIssued && e.Subject.StartsWith(prefix, StringComparison.Ordinal))
            .Select(e => System.Text.Encoding.UTF8.GetString(e.ToCanonicalJson()) + "\n"));
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repository, UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
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
