using Rampart.Core.Artifacts;
using Rampart.Core.Evidence;
using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Security.Scanning.SecretScan.Stages;

namespace Rampart.Security.Tests.SecretScan;

public sealed class StageTests
{
    private static string Token(int seed) => FakeSecrets.GitHub("ghp", new Random(seed));

    private static RunRecord Run(string repository, string commit) => new()
    {
        Id = 7, Pipeline = "p", Repository = repository, Ref = "main", Commit = commit, Event = "push",
    };

    private static StageContext Context(RunRecord run, string source, IReadOnlyList<ArtifactRecord>? artifacts = null, IArtifactStore? store = null) =>
        new(run, source, "", artifacts ?? [], store ?? new MemoryArtifactStore(), TextWriter.Null);

    [Fact]
    public async Task TreeStage_ReportsSecretInCheckout_AsRedactedFindings()
    {
        using var repo = TempRepo.Git();
        var token = Token(1);
        repo.Write("src/app.js", "const t = '" + token + "';\n");
        var commit = repo.Commit("leak");
        var result = await new SecretScanStage().RunAsync(Context(Run(repo.Path, commit), repo.Path), TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("github-pat", finding.RuleId);
        Assert.Equal(Core.Findings.Severity.Critical, finding.Severity);
        Assert.Equal("secret-scan", finding.Source);
        Assert.Equal(("src/app.js", 1), (finding.Location!.Path, finding.Location.StartLine));
        Assert.DoesNotContain(token, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TreeStage_ScansACommittedFileThatGitignoreMatches()
    {
        // A file forced past .gitignore is still in the commit, and in the job's checkout: ignoring it would hide it.
        using var repo = TempRepo.Git();
        repo.Write("a.txt", "clean");
        var head = repo.Commit("clean");
        using var tree = TempRepo.Empty();
        tree.Write(".gitignore", ".env\nsecrets/\n");
        tree.Write(".env", "TOKEN=" + Token(3) + "\n");
        tree.Write("secrets/ci.txt", "TOKEN=" + Token(4) + "\n");
        var stage = new SecretScanStage((_, _) => Task.FromResult<string?>(head));

        var result = await stage.RunAsync(Context(Run(repo.Path, head), tree.Path), TestContext.Current.CancellationToken);

        Assert.Equal([".env", "secrets/ci.txt"], result.Findings.Select(f => f.Location!.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TreeStage_FindsSecretsInNewCommits_ThatTheTreeNoLongerHas()
    {
        using var repo = TempRepo.Git();
        repo.Write("a.txt", "clean");
        var good = repo.Commit("clean");
        repo.Write("leak.env", "TOKEN=" + Token(2));
        repo.Commit("leak");
        File.Delete(Path.Combine(repo.Path, "leak.env"));
        var head = repo.Commit("remove");
        using var checkout = TempRepo.Empty();
        checkout.Write("a.txt", "clean");
        var stage = new SecretScanStage((_, _) => Task.FromResult<string?>(good));
        var result = await stage.RunAsync(Context(Run(repo.Path, head), checkout.Path), TestContext.Current.CancellationToken);
        Assert.Equal("leak.env", Assert.Single(result.Findings).Location!.Path);

        // Nothing new since the last good run: the old leak is not rescanned.
        var again = await new SecretScanStage((_, _) => Task.FromResult<string?>(head))
            .RunAsync(Context(Run(repo.Path, head), checkout.Path), TestContext.Current.CancellationToken);
        Assert.Empty(again.Findings);
    }

    [Fact]
    public async Task TreeStage_OnTheServicesBareMirror_FindsSecretsInNewCommits_ThoughTheRunNamesTheRepository()
    {
        // A server run's record holds the repository's name ("acme/app"); the stage reads history from the mirror it is given.
        using var repo = TempRepo.Git();
        repo.Write("a.txt", "clean");
        var good = repo.Commit("clean");
        repo.Write("leak.env", "TOKEN=" + Token(5));
        repo.Commit("leak");
        File.Delete(Path.Combine(repo.Path, "leak.env"));
        var head = repo.Commit("remove");
        using var mirrors = TempRepo.Empty();
        var mirror = Path.Combine(mirrors.Path, "app.git");
        repo.Run("clone", "--quiet", "--mirror", repo.Path, mirror);
        using var tree = TempRepo.Empty();
        tree.Write("a.txt", "clean");
        var run = Run("acme/app", head);

        var result = await new SecretScanStage((_, _) => Task.FromResult<string?>(good))
            .RunAsync(Context(run, tree.Path) with { Repository = mirror }, TestContext.Current.CancellationToken);

        Assert.Equal("leak.env", Assert.Single(result.Findings).Location!.Path);
    }

    [Fact]
    public async Task TreeStage_OnABareMirrorWithoutAGoodRun_ScansTheCommitsOwnChanges()
    {
        using var repo = TempRepo.Git();
        repo.Write("leak.env", "TOKEN=" + Token(6));
        repo.Commit("old leak, already pushed and reported");
        File.Delete(Path.Combine(repo.Path, "leak.env"));
        repo.Write("new.env", "TOKEN=" + Token(7));
        var head = repo.Commit("new leak");
        using var mirrors = TempRepo.Empty();
        var mirror = Path.Combine(mirrors.Path, "app.git");
        repo.Run("clone", "--quiet", "--mirror", repo.Path, mirror);
        using var tree = TempRepo.Empty();
        var log = new StringWriter();

        var result = await new SecretScanStage((_, _) => Task.FromResult<string?>(null))
            .RunAsync(new StageContext(Run("acme/app", head), tree.Path, "", [], new MemoryArtifactStore(), log) { Repository = mirror }, TestContext.Current.CancellationToken);

        Assert.Equal("new.env", Assert.Single(result.Findings).Location!.Path);
        Assert.Contains("new commits: 1 finding(s) in ", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(" / 1 commits", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TreeStage_HonoursProjectConfigAndBaseline()
    {
        using var repo = TempRepo.Git();
        repo.Write("fixtures/fake.txt", "t=" + Token(3));
        repo.Write("old/known.txt", "t=" + Token(4));
        repo.Write(".rampart/secrets.toml", "[[allowlists]]\npaths = ['''^fixtures/''']\n");
        var commit = repo.Commit("x");
        var first = await new SecretScanStage((_, _) => Task.FromResult<string?>(commit)).RunAsync(Context(Run(repo.Path, commit), repo.Path), TestContext.Current.CancellationToken);
        Assert.Equal("old/known.txt", Assert.Single(first.Findings).Location!.Path);
        repo.Write(".rampart/secrets-baseline.json", "{\"findings\":[{\"fingerprint\":\"" + first.Findings[0].Fingerprint + "\"}]}");
        var second = await new SecretScanStage((_, _) => Task.FromResult<string?>(commit)).RunAsync(Context(Run(repo.Path, commit), repo.Path), TestContext.Current.CancellationToken);
        Assert.Empty(second.Findings);
    }

    [Fact]
    public async Task TreeStage_OnAnUntrustedRun_IgnoresTheCommitsAllowlistAndBaseline_ThatWouldHideItsOwnLeak()
    {
        using var repo = TempRepo.Git();
        repo.Write("fixtures/leak.txt", "t=" + Token(8));
        repo.Write(".rampart/secrets.toml", "[[allowlists]]\npaths = ['''^fixtures/''']\n");
        var commit = repo.Commit("a fork's change that allowlists its own leak");
        var log = new StringWriter();
        var untrusted = new StageContext(Run(repo.Path, commit), repo.Path, "", [], new MemoryArtifactStore(), log) { Trusted = false };
        var stage = new SecretScanStage((_, _) => Task.FromResult<string?>(commit));

        var trustedResult = await stage.RunAsync(Context(Run(repo.Path, commit), repo.Path), TestContext.Current.CancellationToken);
        var untrustedResult = await stage.RunAsync(untrusted, TestContext.Current.CancellationToken);
        repo.Write(".rampart/secrets-baseline.json", "{\"findings\":[{\"fingerprint\":\"" + untrustedResult.Findings[0].Fingerprint + "\"}]}");
        var withBaseline = await stage.RunAsync(untrusted with { Log = TextWriter.Null }, TestContext.Current.CancellationToken);

        Assert.Empty(trustedResult.Findings);
        Assert.Equal("fixtures/leak.txt", Assert.Single(untrustedResult.Findings).Location!.Path);
        Assert.Single(withBaseline.Findings);
        Assert.Contains("untrusted run", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TreeStage_BrokenProjectConfig_FailsTheStageWithOneLine()
    {
        using var repo = TempRepo.Git();
        repo.Write(".rampart/secrets.toml", "[[rules]]\nid = \"x\"\nregex = '''(oops'''\n");
        var commit = repo.Commit("x");
        var result = await new SecretScanStage().RunAsync(Context(Run(repo.Path, commit), repo.Path), TestContext.Current.CancellationToken);
        Assert.NotNull(result.Error);
        Assert.DoesNotContain('\n', result.Error);
    }

    [Fact]
    public async Task ArtifactStage_FindsSecretInsideAZipArtifact()
    {
        var store = new MemoryArtifactStore();
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var writer = new StreamWriter(archive.CreateEntry("publish/appsettings.json").Open());
            await writer.WriteAsync("{\"Token\": \"" + Token(5) + "\"}");
        }

        zip.Position = 0;
        var (digest, size) = await store.PutAsync(zip, TestContext.Current.CancellationToken);
        using var source = TempRepo.Empty();
        var artifacts = new[] { new ArtifactRecord(7, "build", "site.zip", digest, size) };
        var result = await new SecretArtifactScanStage().RunAsync(Context(Run("", "c"), source.Path, artifacts, store), TestContext.Current.CancellationToken);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("artifacts/build/site.zip!publish/appsettings.json", finding.Location!.Path);
        Assert.Equal(SecretArtifactScanStage.StageId, finding.Source);
        Assert.Equal(StagePhase.AfterJobs, new SecretArtifactScanStage().Phase);
    }

    /// <summary>The artifact-store contract over a dictionary: content-addressed and write-once like the real one.</summary>
    private sealed class MemoryArtifactStore : IArtifactStore
    {
        private readonly Dictionary<string, byte[]> _blobs = [];

        public async Task<(Digest Digest, long Size)> PutAsync(Stream content, CancellationToken cancellationToken)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            var bytes = copy.ToArray();
            var digest = Digest.Sha256(bytes);
            _blobs.TryAdd(digest.ToString(), bytes);
            return (digest, bytes.Length);
        }

        public bool Contains(Digest digest) => _blobs.ContainsKey(digest.ToString());

        public Stream OpenRead(Digest digest) =>
            _blobs.TryGetValue(digest.ToString(), out var bytes) ? new MemoryStream(bytes, writable: false) : throw new FileNotFoundException(digest.ToString());
    }
}
