using System.CommandLine;
using Rampart.Cli.Console;
using Rampart.Cli.Hosting;
using Rampart.Cli.Output;
using Rampart.Core.Evidence;
using Rampart.Engine.Artifacts;
using Rampart.Engine.Logs;
using Rampart.Engine.Pipeline;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;
using Rampart.Engine.Source;
using Rampart.Security.Ledger;
using Rampart.Store.Sqlite;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart run [REPO]</c>: run a repository's pipeline on this machine, every step sandboxed.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var repo = new Argument<string>("repo")
        {
            Description = "Folder holding .rampart/pipeline.yml, inside a git repository (default: the current folder)",
            DefaultValueFactory = _ => ".",
        };
        var gitRef = new Option<string>("--ref") { Description = "Commit, branch or tag to build", DefaultValueFactory = _ => "HEAD" };
        var dirty = new Option<bool>("--dirty") { Description = "Build the working tree as it is, uncommitted changes included (local trials only)" };
        var unsafeNoSandbox = new Option<bool>("--unsafe-no-sandbox") { Description = "Run steps without bubblewrap isolation (they can read and write your files)" };
        var eventName = new Option<string>("--event") { Description = "Event to simulate: push or pull_request", DefaultValueFactory = _ => "push" };
        eventName.AcceptOnlyFromAmong("push", "pull_request");
        var untrusted = new Option<bool>("--untrusted") { Description = "Treat the trigger as untrusted (a pull request from a fork): no secrets, no id-token" };
        var secrets = new Option<string[]>("--secret") { Description = "Local trials: take secret NAME from your environment variable NAME instead of the vault (repeatable)", AllowMultipleArgumentsPerToken = false };
        var repository = new Option<string?>("--repository") { Description = "OWNER/REPO for secret scopes and id-tokens (default: from the origin remote, else local/<folder>)" };
        var parallel = new Option<int>("--jobs") { Description = "Jobs to run at once (default: core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var format = CommonOptions.Format();

        var command = new Command("run", "Run a repository's pipeline from a clean checkout, every step in a sandbox");
        command.Arguments.Add(repo);
        foreach (var option in new Option[] { gitRef, dirty, unsafeNoSandbox, eventName, untrusted, secrets, repository, parallel, format })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(() => ExecuteAsync(
            new RunSettings(
                result.GetValue(repo)!,
                result.GetValue(gitRef)!,
                result.GetValue(dirty),
                result.GetValue(unsafeNoSandbox),
                result.GetValue(eventName)!,
                !result.GetValue(untrusted),
                result.GetValue(secrets) ?? [],
                result.GetValue(parallel),
                result.GetValue(format),
                result.GetValue(CommonOptions.Home),
                result.GetValue(repository)),
            cancellationToken)));
        return command;
    }

    private static async Task<ExitCode> ExecuteAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Parallel < 1)
            throw new UsageException("--jobs must be at least 1");
        var revision = await GitSource.ResolveAsync(settings.Repo, settings.Ref, settings.Dirty, cancellationToken);
        var text = await GitSource.ReadPipelineAsync(revision, cancellationToken)
            ?? throw new UsageException($"{revision.PipelinePath}: no pipeline file at {(settings.Dirty ? "the working tree" : settings.Ref)}");
        var loaded = PipelineLoader.Parse(text, revision.PipelinePath);
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Diagnostics)
                await System.Console.Error.WriteLineAsync(diagnostic.ToString());
            return ExitCode.UsageError;
        }

        IStepExecutor executor = settings.UnsafeNoSandbox ? new UnsandboxedExecutor() : BubblewrapExecutor.Detect();
        var state = StateFolder.Resolve(settings.Home, revision.RepositoryRoot);
        StateFolder.Ensure(state);

        var progress = settings.Format == OutputFormat.Json ? System.Console.Error : System.Console.Out;
        var interactive = LiveStatus.IsInteractive(settings.Format == OutputFormat.Table);
        var observer = new ConsoleRunObserver(LiveStatus.LineWriter(interactive, progress));
        if (settings.UnsafeNoSandbox)
            observer.Notice("--unsafe-no-sandbox: steps run directly on this machine without isolation");
        if (!TriggerMatcher.Matches(loaded.Pipeline!.Triggers, settings.Event, revision.Branch))
            observer.Notice($"the pipeline's triggers do not include {settings.Event} on {revision.Branch ?? "a detached commit"}; running it because it was asked for");

        var store = new SqliteRunStore(StateFolder.DatabasePath(state));
        await using var ledger = AuditLedger.Open(state);
        var artifacts = new FileSystemArtifactStore(StateFolder.ArtifactsPath(state));
        // Without the sandbox a step could read the signing key, so nothing is signed and nothing deploys.
        var (signer, deployVerifier, createdKey) = settings.UnsafeNoSandbox ? (null, null, null) : SigningHost.Create(state);
        if (createdKey is not null)
            observer.Notice(createdKey);
        if (settings.UnsafeNoSandbox)
            observer.Notice("--unsafe-no-sandbox: artifacts are not signed and deploy jobs are refused (steps could read the signing key)");
        var repositoryName = settings.Repository ?? await RepositoryName.FromOriginAsync(revision.RepositoryRoot, cancellationToken);
        if (repositoryName is not null && !RepositoryName.IsValid(repositoryName))
            throw new UsageException($"--repository: '{repositoryName}' is not OWNER/REPO");
        Core.Identity.IIdTokenIssuer? issuer;
        try
        {
            issuer = SecurityServices.Issuer(state);
        }
        catch (Security.Identity.IdentityException e)
        {
            throw new UsageException(e.Message);
        }

        using var issuerLifetime = issuer as IDisposable;
        using var policy = await PolicyHost.CreateAsync(state, revision, cancellationToken);
        var runner = new PipelineRunner(
            new EngineOptions(state) { MaxParallelJobs = settings.Parallel, RunnerEnvironment = "local", Policy = policy.Policy },
            executor, store, artifacts, BuiltInStages.For(store), SecurityServices.Secrets(state, settings.Secrets), new SecretMasker(), ledger, observer,
            idTokens: issuer)
        {
            Signer = signer,
            DeployVerifier = deployVerifier,
        };
        var request = new RunRequest(loaded.Pipeline, revision, settings.Event)
        {
            Trusted = settings.Trusted,
            RepositoryName = repositoryName,
            PipelineDigest = Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(text)).ToString(),
        };

        var run = await LiveStatus.RunAsync(observer, interactive, () => runner.RunAsync(request, cancellationToken));
        await ledger.CheckpointAsync(CancellationToken.None);
        if (settings.Format == OutputFormat.Json && await store.GetRunAsync(run.Id, CancellationToken.None) is { } details)
            await System.Console.Out.WriteLineAsync(RunJson.Serialize(details));
        return run.Status == Core.Runs.Outcome.Succeeded ? ExitCode.Success : ExitCode.Failure;
    }

    private sealed record RunSettings(
        string Repo, string Ref, bool Dirty, bool UnsafeNoSandbox, string Event, bool Trusted,
        IReadOnlyList<string> Secrets, int Parallel, OutputFormat Format, string? Home, string? Repository);
}
