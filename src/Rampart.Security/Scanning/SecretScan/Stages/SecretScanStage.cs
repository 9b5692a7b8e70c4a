using System.Globalization;
using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;
using Rampart.Security.Scanning.SecretScan.Reports;
using Rampart.Security.Scanning.SecretScan.Sources;

namespace Rampart.Security.Scanning.SecretScan.Stages;

/// <summary>
/// Before any job runs: scans the checked-out tree of the commit, then the commits that are new in the
/// user's repository (since the last successful run when the host tells which commit that was; else
/// the commits no remote-tracking branch has, at most <see cref="MaxHistoryCommits"/>). Rules come from
/// the commit's <c>.rampart/secrets.toml</c>; <c>.rampart/secrets-baseline.json</c> lists accepted findings.
/// </summary>
public sealed class SecretScanStage : IStage
{
    public const string StageId = "secret-scan";
    public const string BaselineFile = ".rampart/secrets-baseline.json";
    public const int MaxHistoryCommits = 1000;

    private readonly Func<RunRecord, CancellationToken, Task<string?>>? _lastGoodCommit;

    /// <param name="lastGoodCommit">The commit of the last successful run of the same pipeline and repository, or null when none.</param>
    public SecretScanStage(Func<RunRecord, CancellationToken, Task<string?>>? lastGoodCommit = null) => _lastGoodCommit = lastGoodCommit;

    public string Id => StageId;
    public int Version => 1;
    public StagePhase Phase => StagePhase.BeforeJobs;
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            // An untrusted change cannot allowlist or baseline its own leak: its settings files are not read.
            var rules = context.Trusted ? ProjectRules(context) : BuiltInRules.Compiled;
            var baseline = context.Trusted && Nearest(context, BaselineFile) is { } baselineFile ? SecretBaseline.Load(baselineFile) : null;
            if (!context.Trusted && (Nearest(context, SecretScanConfig.ProjectFile) ?? Nearest(context, BaselineFile)) is not null)
                await context.Log.WriteLineAsync($"untrusted run: {SecretScanConfig.ProjectFile} and {BaselineFile} of the commit are not used; the built-in rules apply").ConfigureAwait(false);
            // The source tree holds exactly what the job gets (the commit's files, or a dirty run's tracked and
            // unignored ones), so .gitignore hides nothing here: a file forced past it is still committed.
            var engine = new SecretScanEngine(rules, new SecretScanOptions { DecodeDepth = 1, RespectGitIgnore = false });
            // The new commits (a git process) are read while the tree is scanned here: both sit before the first job.
            var historyScan = Task.Run(() => ScanNewCommitsAsync(engine, context, cancellationToken), cancellationToken);
            SecretScanResult tree;
            try
            {
                tree = await engine.ScanDirectoryAsync(context.SourceRoot, null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Never left running unobserved, whatever the tree scan did.
                await Task.WhenAny(historyScan).ConfigureAwait(false);
            }

            var (history, note) = await historyScan.ConfigureAwait(false);
            await LogAsync(context.Log, "tree", tree).ConfigureAwait(false);
            var findings = new List<SecretFinding>(tree.Findings);
            if (history is not null)
            {
                await LogAsync(context.Log, "new commits", history).ConfigureAwait(false);
                findings.AddRange(history.Findings);
            }
            else if (note is not null)
            {
                await context.Log.WriteLineAsync(note).ConfigureAwait(false);
            }

            var kept = Distinct(baseline?.New(findings) ?? findings);
            if (baseline is not null)
                await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"baseline {BaselineFile}: {findings.Count - kept.Count} accepted finding(s) left out")).ConfigureAwait(false);
            return new StageResult([.. kept.Select(f => f.ToFinding(StageId))]);
        }
        catch (Exception e) when (e is SecretConfigException or HistoryException)
        {
            return StageResult.Failure("secret scan: " + e.Message);
        }
    }

    /// <summary>The rules of the commit being built: its .rampart/secrets.toml over the built-in pack, else the pack.</summary>
    internal static Rules.SecretRuleSet ProjectRules(StageContext context) =>
        Nearest(context, SecretScanConfig.ProjectFile) is { } file
            ? Rules.SecretRuleSet.Compile(GitleaksToml.LoadFile(file, context.SourceRoot, builtInWhenNoExtend: true))
            : BuiltInRules.Compiled;

    /// <summary>The file next to the pipeline (a project in a sub-folder), else at the repository root.</summary>
    private static string? Nearest(StageContext context, string relative) =>
        new[] { context.ProjectRoot, context.SourceRoot }
            .Where(root => root.Length > 0)
            .Select(root => Path.Combine(root, relative))
            .FirstOrDefault(File.Exists);

    private async Task<(SecretScanResult? Result, string? Note)> ScanNewCommitsAsync(SecretScanEngine engine, StageContext context, CancellationToken cancellationToken)
    {
        var repository = RepositoryOf(context);
        var workTree = repository.Length > 0 && Path.Exists(Path.Combine(repository, ".git"));
        var bare = repository.Length > 0 && !workTree && File.Exists(Path.Combine(repository, "HEAD")) && Directory.Exists(Path.Combine(repository, "objects"));
        if (!workTree && !bare)
            return (null, "history: skipped, the run's repository is not a git repository");
        return await HistoryRangeAsync(context, workTree, cancellationToken).ConfigureAwait(false) is { } range
            ? (await engine.ScanHistoryAsync(repository, range, null, cancellationToken).ConfigureAwait(false), null)
            : (null, null);
    }

    private async Task<HistoryRange?> HistoryRangeAsync(StageContext context, bool workTree, CancellationToken cancellationToken)
    {
        var last = _lastGoodCommit is null ? null : await _lastGoodCommit(context.Run, cancellationToken).ConfigureAwait(false);
        if (last == context.Run.Commit)
            return null;
        if (last is not null)
            return new HistoryRange { Tip = context.Run.Commit, Since = [last], MaxCommits = MaxHistoryCommits };
        // Without a good run to start from: in a work tree, the commits no remote-tracking branch has
        // (not pushed yet); a bare repository (the service's mirror) has no such branches, and there the
        // commit's own changes are what is new.
        return workTree
            ? new HistoryRange { Tip = context.Run.Commit, ExcludeRemotes = true, MaxCommits = MaxHistoryCommits }
            : new HistoryRange { Tip = context.Run.Commit, MaxCommits = 1 };
    }

    // The host names the repository; an older host only put its path in the run record.
    private static string RepositoryOf(StageContext context) => context.Repository ?? context.Run.Repository;

    // A secret in the tree that a new commit also added is one finding, not two.
    private static List<SecretFinding> Distinct(IEnumerable<SecretFinding> findings) =>
        [.. findings.GroupBy(f => (f.Fingerprint, f.RuleId)).Select(g => g.First())];

    private static Task LogAsync(TextWriter log, string what, SecretScanResult result) =>
        log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {result.Findings.Count} finding(s) in {result.Stats.Files} files / {result.Stats.Commits} commits, {result.Stats.Bytes / 1e6:0.0} MB, {result.Stats.Elapsed.TotalSeconds:0.00}s"));

    /// <summary>
    /// Finds the last successful run of the same pipeline and repository in a run store: one indexed
    /// query where the store can browse, else among its newest 200 runs.
    /// </summary>
    public static Func<RunRecord, CancellationToken, Task<string?>> LastGoodCommitFrom(IRunStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return async (run, cancellationToken) =>
        {
            var runs = store is IRunBrowser browser
                ? await browser.ListRunsAsync(new RunQuery(2, Repository: run.Repository, Pipeline: run.Pipeline, Status: Outcome.Succeeded), cancellationToken).ConfigureAwait(false)
                : await store.ListRunsAsync(200, cancellationToken).ConfigureAwait(false);
            return runs.FirstOrDefault(r => r.Id != run.Id && r.Status == Outcome.Succeeded && r.Pipeline == run.Pipeline && r.Repository == run.Repository)?.Commit;
        };
    }
}
