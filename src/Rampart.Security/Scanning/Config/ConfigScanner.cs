using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Dockerfile;
using Rampart.Security.Scanning.Config.Kubernetes;
using Rampart.Security.Scanning.Config.Terraform;
using Rampart.Security.Scanning.Config.Workflows;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Scans a folder for misconfigured CI workflows, Kubernetes manifests, Dockerfiles and Terraform.
/// Files are parsed, never executed. A file that cannot be parsed becomes a
/// <c>config-parse-error</c> finding and the scan goes on.
/// </summary>
public sealed class ConfigScanner
{
    public const string SourceId = "config-scan";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly IConfigAnalyzer[] Analyzers =
    [
        new GitHubWorkflowAnalyzer(), new GitLabCiAnalyzer(), new RampartPipelineAnalyzer(), new KubernetesAnalyzer(), new DockerfileAnalyzer(),
        new TerraformPlanAnalyzer(),
    ];

    private readonly ConfigScanSettings _settings;
    private readonly List<PathGlob> _exclude;

    public ConfigScanner(ConfigScanSettings? settings = null)
    {
        _settings = settings ?? ConfigScanSettings.Default;
        _exclude = [.. _settings.Exclude.Select(g => new PathGlob(g))];
    }

    public ConfigScanReport Scan(string root, CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
            throw new DirectoryNotFoundException($"{root}: folder not found");
        var files = ConfigTreeWalker.RelativeFiles(fullRoot, _exclude).ToList();
        return ScanFiles(fullRoot, files, typeOverride: null, cancellationToken);
    }

    /// <summary>Scans the given files (relative to <paramref name="root"/>), optionally forcing their type.</summary>
    public ConfigScanReport ScanFiles(string root, IReadOnlyList<string> relativePaths, ConfigFileType? typeOverride, CancellationToken cancellationToken = default)
    {
        var fullRoot = Path.GetFullPath(root);
        var environment = new ScanEnvironment(fullRoot);
        var results = new ConcurrentBag<FileResult>();
        var terraform = new ConcurrentBag<ConfigFile>();
        var counts = new ConcurrentDictionary<ConfigFileType, int>();
        var forced = GitLabIncludes(relativePaths, environment);
        var listed = relativePaths.ToHashSet(StringComparer.Ordinal);
        var paths = relativePaths.Concat(forced.Keys.Where(k => !listed.Contains(k))).ToList();

        Parallel.ForEach(paths, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, relative =>
        {
            var file = Load(fullRoot, relative, forced.TryGetValue(relative, out var type) ? type : typeOverride, out var loadError);
            if (loadError is not null)
            {
                counts.AddOrUpdate(ConfigFileType.Unknown, 1, (_, n) => n + 1);
                results.Add(new FileResult(relative, "", [loadError]));
                return;
            }

            if (file is null || !IsWanted(file.Type))
                return;
            counts.AddOrUpdate(file.Type, 1, (_, n) => n + 1);
            if (file.Type == ConfigFileType.Terraform)
            {
                terraform.Add(file);
                return;
            }

            var hits = new List<CheckHit>();
            try
            {
                foreach (var analyzer in Analyzers.Where(a => a.Handles(file.Type)))
                    analyzer.Analyze(file, environment, hits);
            }
            catch (ConfigParseException e)
            {
                hits.Add(ParseError(e.Message, e.Line, e.Column));
            }
#pragma warning disable CA1031 // One file that trips an analyzer must not hide every other file's findings; it is reported.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                hits.Add(ParseError($"could not be analysed ({e.GetType().Name}: {e.Message})", 0, 0));
            }

            results.Add(new FileResult(relative, file.Text, hits));
        });

        foreach (var module in terraform.GroupBy(f => DirectoryOf(f.RelativePath)))
        {
            foreach (var (path, text, hits) in TerraformModuleAnalyzer.Analyze([.. module.OrderBy(f => f.RelativePath, StringComparer.Ordinal)]))
                results.Add(new FileResult(path, text, hits));
        }

        foreach (var (path, hit) in KubernetesAnalyzer.TreeHits(environment))
            results.Add(new FileResult(path, File.Exists(Path.Combine(fullRoot, path)) ? File.ReadAllText(Path.Combine(fullRoot, path)) : "", [hit]));

        var (findings, suppressed) = Finish(results);
        return new ConfigScanReport(findings, new Dictionary<ConfigFileType, int>(counts), suppressed);
    }

    /// <summary>Local files included by GitLab CI files are GitLab CI too, whatever their names.</summary>
    private static Dictionary<string, ConfigFileType> GitLabIncludes(IReadOnlyList<string> relativePaths, ScanEnvironment environment)
    {
        var forced = new Dictionary<string, ConfigFileType>(StringComparer.Ordinal);
        var pending = new Queue<string>(relativePaths.Where(p => FileClassifier.ByName(p) == ConfigFileType.GitLabCi));
        while (pending.Count > 0 && forced.Count < 200)
        {
            var text = environment.ReadText(pending.Dequeue(), 1024 * 1024);
            if (text is null)
                continue;
            foreach (var include in GitLabCiAnalyzer.LocalIncludes(text))
            {
                if (environment.FileExists(include) && forced.TryAdd(include, ConfigFileType.GitLabCi))
                    pending.Enqueue(include);
            }
        }

        return forced;
    }

    private bool IsWanted(ConfigFileType type) =>
        type != ConfigFileType.Unknown && (_settings.Kinds.Count == 0 || _settings.Kinds.Contains(FileClassifier.KindOf(type)));

    private ConfigFile? Load(string root, string relative, ConfigFileType? typeOverride, out CheckHit? error)
    {
        error = null;
        var type = typeOverride ?? FileClassifier.ByName(relative);
        var lower = relative.ToLowerInvariant();
        var maybeByContent = type == ConfigFileType.Unknown && (FileClassifier.IsYaml(lower) || lower.EndsWith(".json", StringComparison.Ordinal));
        if (type == ConfigFileType.Unknown && !maybeByContent)
            return null;
        var full = Path.Combine(root, relative);
        var info = new FileInfo(full);
        if (info.LinkTarget is not null || !info.Exists)
            return null;
        if (info.Length > _settings.MaxFileBytes)
        {
            error = maybeByContent ? null : ParseError($"file is larger than {_settings.MaxFileBytes} bytes; not scanned", 0, 0);
            return null;
        }

        var bytes = File.ReadAllBytes(full);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            error = maybeByContent ? null : ParseError("file is not valid UTF-8 text; not scanned", 0, 0);
            return null;
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        if (text.Contains('\0', StringComparison.Ordinal))
            return null;
        if (type == ConfigFileType.Unknown)
        {
            // Unrendered Helm templates are not YAML until rendered; scan the rendered output instead.
            if (relative.Contains("/templates/", StringComparison.Ordinal) && text.Contains("{{", StringComparison.Ordinal))
                return null;
            type = FileClassifier.ByContent(relative, text);
        }

        return type == ConfigFileType.Unknown ? null : new ConfigFile(relative, full, text, type);
    }

    private (List<Finding> Findings, int Suppressed) Finish(IEnumerable<FileResult> results)
    {
        var findings = new List<Finding>();
        var suppressed = 0;
        foreach (var result in results)
        {
            var suppressions = InlineSuppressions.Parse(result.Text);
            var hits = new List<CheckHit>(result.Hits);
            foreach (var (line, column, ids) in suppressions.WithoutReason)
                hits.Add(new CheckHit(GeneralChecks.SuppressionWithoutReason, line, column, $"suppression of {ids} has no reason after '--'", $"suppress:{ids}:{line}"));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hit in hits)
            {
                if (_settings.Disabled.Contains(hit.Check.Id))
                    continue;
                if (suppressions.Suppresses(hit.Check.Id, hit.Line))
                {
                    suppressed++;
                    continue;
                }

                var fingerprint = Fingerprint(hit.Check.Id, result.Path, hit.Key);
                if (!seen.Add(fingerprint + "\n" + hit.Line))
                    continue;
                var severity = _settings.SeverityOverrides.TryGetValue(hit.Check.Id, out var forced) ? forced : hit.Severity ?? hit.Check.Severity;
                var message = $"{hit.Check.Title}: {hit.Detail}";
                var location = new SourceLocation(result.Path, Math.Max(hit.Line, 1), Math.Max(hit.Column, 1));
                findings.Add(new Finding(hit.Check.Id, severity, message, location, fingerprint) { Source = SourceId });
            }
        }

        var ordered = findings.OrderBy(f => f.Location!.Path, StringComparer.Ordinal).ThenBy(f => f.Location!.StartLine)
            .ThenBy(f => f.Location!.StartColumn).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Fingerprint, StringComparer.Ordinal).ToList();
        return (ordered, suppressed);
    }

    internal static CheckHit ParseError(string message, int line, int column) =>
        new(GeneralChecks.ParseError, line, column, message, "parse");

    /// <summary>Rule, file and structural key: stable when unrelated lines move.</summary>
    private static string Fingerprint(string ruleId, string path, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{path}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static string DirectoryOf(string relative) => relative.LastIndexOf('/') is var i and >= 0 ? relative[..i] : "";

    private sealed record FileResult(string Path, string Text, IReadOnlyList<CheckHit> Hits);
}
