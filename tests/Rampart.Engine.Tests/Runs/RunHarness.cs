using System.Collections.Concurrent;
using Rampart.Core.Findings;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Core.Stages;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;
using Rampart.Store.Sqlite;

namespace Rampart.Engine.Tests.Runs;

/// <summary>
/// Runs a pipeline end to end with the real parts: a git checkout, bubblewrap, the SQLite store and
/// the file artifact store, all under one temp state folder.
/// </summary>
internal sealed class RunHarness : IDisposable
{
    public RunHarness()
    {
        State = Directory.CreateTempSubdirectory("rampart-state-").FullName;
        JobsBase = Path.Combine(Path.GetTempPath(), "rampart-jobs-test", Guid.NewGuid().ToString("N"));
        Store = new SqliteRunStore(Path.Combine(State, "rampart.db"));
        Artifacts = new FileSystemArtifactStore(Path.Combine(State, "artifacts"));
    }

    public string State { get; }

    public string JobsBase { get; }

    public SqliteRunStore Store { get; }

    public FileSystemArtifactStore Artifacts { get; }

    public SecretMasker Masker { get; } = new();

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public List<IStage> Stages { get; } = [];

    public RecordingObserver Observer { get; } = new();

    public RecordingAuditTrail Audit { get; } = new();

    /// <summary>Wired into the runner when set (signed runs and verified deploys).</summary>
    public Rampart.Core.Signing.IRunSigner? Signer { get; set; }

    public Rampart.Core.Deploy.IDeployVerifier? DeployVerifier { get; set; }

    public Rampart.Core.Deploy.IDeployGate? DeployGate { get; set; }

    public async Task<RunDetails> RunAsync(TestRepository repository, string gitRef = "HEAD", bool trusted = true, int parallel = 2)
    {
        var revision = await GitSource.ResolveAsync(repository.Root, gitRef, dirty: false, TestContext.Current.CancellationToken);
        var text = await GitSource.ReadPipelineAsync(revision, TestContext.Current.CancellationToken);
        var loaded = PipelineLoader.Parse(text!, revision.PipelinePath);
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        var bwrap = BubblewrapExecutor.FindOnPath("bwrap");
        Assert.True(bwrap is not null, "bubblewrap is required: apt-get install bubblewrap");
        var runner = new PipelineRunner(
            new EngineOptions(State) { MaxParallelJobs = parallel, JobsDirectory = JobsBase },
            new BubblewrapExecutor(bwrap!), Store, Artifacts, Stages, new DictionarySecretSource(Secrets), Masker, Audit, Observer)
        {
            Signer = Signer,
            DeployVerifier = DeployVerifier,
            DeployGate = DeployGate,
        };
        var digest = Core.Evidence.Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text!)).ToString();
        var run = await runner.RunAsync(new RunRequest(loaded.Pipeline!, revision, "push") { Trusted = trusted, PipelineDigest = digest }, TestContext.Current.CancellationToken);
        return (await Store.GetRunAsync(run.Id, TestContext.Current.CancellationToken))!;
    }

    public string ReadLog(StepRecord step) => File.ReadAllText(Path.Combine(State, step.LogPath!));

    public void Dispose()
    {
        foreach (var dir in new[] { State, JobsBase })
        {
            try
            {
                if (Directory.Exists(dir))
                    Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed class DictionarySecretSource(Dictionary<string, string> values) : ISecretSource
    {
        public Task<string?> GetAsync(string name, SecretScope scope, CancellationToken cancellationToken) =>
            Task.FromResult(values.TryGetValue(name, out var value) ? value : null);
    }
}

/// <summary>Keeps the events the engine records, so tests can check what reaches the audit trail.</summary>
internal sealed class RecordingAuditTrail : Core.Audit.IAuditTrail
{
    public ConcurrentQueue<Core.Audit.AuditEvent> Events { get; } = new();

    public Task AppendAsync(Core.Audit.AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return Task.CompletedTask;
    }
}

internal sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void RunStarted(RunRecord run) => Events.Enqueue("run started");

    public void Notice(string message) => Events.Enqueue("notice " + message);

    public void JobStarted(string job) => Events.Enqueue("job started " + job);

    public void StepStarted(string job, int index, string step) => Events.Enqueue($"step started {job}/{index}");

    public void StepOutput(string job, int index, string text) => Events.Enqueue($"output {job}/{index} {text}");

    public void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result) => Events.Enqueue($"step finished {job}/{index} {outcome}");

    public void JobFinished(string job, Outcome outcome, string? error) => Events.Enqueue($"job finished {job} {outcome}");

    public void StageFinished(string stage, int findings, string? error) => Events.Enqueue($"stage {stage} {findings} {error}");

    public void RunFinished(RunRecord run) => Events.Enqueue("run finished " + run.Status);
}

/// <summary>A stage that reports fixed findings (or fails), to exercise the stage contract and the gate.</summary>
internal sealed class FixedStage(StagePhase phase, IReadOnlyList<Finding> findings, string? error = null) : IStage
{
    public string Id => "fixed";

    public int Version => 1;

    public StagePhase Phase => phase;

    public TimeSpan Budget => TimeSpan.FromSeconds(30);

    public StageContext? Seen { get; private set; }

    /// <summary>Whether the checkout held the pipeline file while the stage ran.</summary>
    public bool SawCheckout { get; private set; }

    public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        Seen = context;
        SawCheckout = File.Exists(Path.Combine(context.SourceRoot, ".rampart", "pipeline.yml"));
        return Task.FromResult(new StageResult(findings) { Error = error });
    }
}
