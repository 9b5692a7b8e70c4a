using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using Rampart.Security.Scanning.SecretScan.Engine;
using Rampart.Security.Scanning.SecretScan.Rules;
using Rampart.Security.Scanning.SecretScan.Sources;

namespace Rampart.Security.Scanning.SecretScan;

/// <summary>
/// Scans text, streams, directory trees and git history with one compiled rule set. Thread-safe:
/// each worker takes its own scanner from a pool. Findings come back sorted by path, line, column, rule.
/// </summary>
public sealed class SecretScanEngine
{
    private readonly SecretRuleSet _rules;
    private readonly SecretScanOptions _options;
    private readonly ConcurrentBag<TextScanner> _pool = [];

    public SecretScanEngine(SecretRuleSet rules, SecretScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _options = options ?? new SecretScanOptions();
        if (_options.ChunkBytes < 4096)
            throw new ArgumentOutOfRangeException(nameof(options), "ChunkBytes must be at least 4096.");
    }

    public SecretRuleSet Rules => _rules;

    public IReadOnlyList<SecretFinding> ScanText(string text, ScanTarget target)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(target);
        var sink = new List<SecretFinding>();
        var scanner = Rent();
        if (scanner.PrepareFile(target, sink))
            scanner.Scan(text, target, sink);
        _pool.Add(scanner);
        return Sorted(sink);
    }

    /// <summary>Scans a stream (standard input, an artifact) as one file named <paramref name="target"/>.</summary>
    public async Task<SecretScanResult> ScanStreamAsync(Stream stream, ScanTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(target);
        var clock = Stopwatch.StartNew();
        var counters = new ScanCounters(null);
        var sink = new List<SecretFinding>();
        await ScanOneAsync(stream, target, sink, counters, cancellationToken).ConfigureAwait(false);
        return new SecretScanResult(Sorted(sink), counters.Stats(clock.Elapsed));
    }

    /// <summary>
    /// Scans a build artifact: a zip or tar archive entry by entry (paths <c>name!entry</c>), anything
    /// else as one file. Entries over the size limit are skipped and counted.
    /// </summary>
    public async Task<SecretScanResult> ScanArtifactAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (!ArchiveEntries.IsArchive(name))
            return await ScanStreamAsync(stream, new ScanTarget(name), cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var counters = new ScanCounters(null);
        var sink = new List<SecretFinding>();
        try
        {
            await foreach (var (entry, content, length) in ArchiveEntries.ReadAsync(stream, name, cancellationToken).ConfigureAwait(false))
            {
                if (_options.MaxFileBytes > 0 && length > _options.MaxFileBytes)
                {
                    counters.Large();
                    continue;
                }

                await ScanOneAsync(content, new ScanTarget(name + "!" + entry), sink, counters, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            // A damaged archive is still scanned as bytes: a secret stored uncompressed is found.
            stream.Position = 0;
            await ScanOneAsync(stream, new ScanTarget(name), sink, counters, cancellationToken).ConfigureAwait(false);
        }

        return new SecretScanResult(Sorted(sink), counters.Stats(clock.Elapsed));
    }

    public async Task<SecretScanResult> ScanDirectoryAsync(string root, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{root}: no such directory");
        var clock = Stopwatch.StartNew();
        var counters = new ScanCounters(progress);
        var files = await FileLister.ListAsync(root, _options.RespectGitIgnore, cancellationToken).ConfigureAwait(false);
        var results = new ConcurrentBag<List<SecretFinding>>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Threads), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, parallel, async (file, token) =>
        {
            var (relative, listed) = file;
            var full = Path.Combine(root, relative);
            var info = listed ?? new FileInfo(full);
            // The link flag comes with the lstat FileInfo already made; LinkTarget would cost a readlink per file.
            if (!info.Exists || (info.Attributes & FileAttributes.ReparsePoint) != 0)
                return;
            if (_options.MaxFileBytes > 0 && info.Length > _options.MaxFileBytes)
            {
                counters.Large();
                return;
            }

            var sink = new List<SecretFinding>();
            try
            {
                // Shared for writing and deleting: a scan takes no advisory lock (two flock calls a file) and
                // blocks no one; no read-ahead advice either (a call a file, and the kernel's default
                // read-ahead already covers files read once from start to end).
                using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await ScanFileAsync(handle, new ScanTarget(relative), sink, counters, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return; // vanished or unreadable while scanning: nothing to report on it
            }

            if (sink.Count > 0)
                results.Add(sink);
        }).ConfigureAwait(false);
        return new SecretScanResult(Sorted(results.SelectMany(r => r)), counters.Stats(clock.Elapsed));
    }

    /// <summary>Scans the lines added by the commits of <paramref name="range"/>.</summary>
    public async Task<SecretScanResult> ScanHistoryAsync(string repository, HistoryRange range, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(range);
        range.Validate();
        var clock = Stopwatch.StartNew();
        var counters = new ScanCounters(progress);
        var channel = Channel.CreateBounded<HistoryPiece>(new BoundedChannelOptions(256) { SingleWriter = true });
        var results = new ConcurrentBag<List<SecretFinding>>();
        var workers = Enumerable.Range(0, Math.Max(1, _options.Threads)).Select(_ => Task.Run(async () =>
        {
            var scanner = Rent();
            var sink = new List<SecretFinding>();
            await foreach (var piece in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (scanner.PrepareFile(piece.Target, sink))
                    scanner.Scan(piece.Text, piece.Target, sink);
            }

            _pool.Add(scanner);
            results.Add(sink);
        }, cancellationToken)).ToList();
        try
        {
            await GitHistoryReader.ReadAsync(repository, range, channel.Writer, counters, _options.ChunkBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new SecretScanResult(Sorted(results.SelectMany(r => r)), counters.Stats(clock.Elapsed));
    }

    private async Task ScanOneAsync(Stream stream, ScanTarget target, List<SecretFinding> sink, ScanCounters counters, CancellationToken cancellationToken)
    {
        var scanner = Rent();
        try
        {
            if (!scanner.PrepareFile(target, sink))
                return;
            var bytes = await ChunkedText.ScanAsync(stream, target, scanner, _options.ChunkBytes, sink, cancellationToken).ConfigureAwait(false);
            if (bytes < 0)
                counters.Binary();
            else
                counters.File(bytes);
        }
        finally
        {
            _pool.Add(scanner);
        }
    }

    private async ValueTask ScanFileAsync(SafeFileHandle file, ScanTarget target, List<SecretFinding> sink, ScanCounters counters, CancellationToken cancellationToken)
    {
        var scanner = Rent();
        try
        {
            if (!scanner.PrepareFile(target, sink))
                return;
            var bytes = await ChunkedText.ScanFile(file, target, scanner, _options.ChunkBytes, sink, cancellationToken).ConfigureAwait(false);
            if (bytes < 0)
                counters.Binary();
            else
                counters.File(bytes);
        }
        finally
        {
            _pool.Add(scanner);
        }
    }

    private TextScanner Rent() => _pool.TryTake(out var scanner) ? scanner : new TextScanner(_rules, _options.DecodeDepth);

    private static List<SecretFinding> Sorted(IEnumerable<SecretFinding> findings) =>
    [
        .. findings
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Commit, StringComparer.Ordinal),
    ];
}
