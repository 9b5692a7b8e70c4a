namespace Rampart.Security.Scanning.SecretScan.Sources;

/// <summary>Thread-safe counters shared by the workers of one scan, with throttled progress reports.</summary>
internal sealed class ScanCounters(IProgress<ScanProgress>? progress)
{
    private long _files;
    private long _bytes;
    private long _commits;
    private long _binary;
    private long _large;
    private long _lastReport;

    public void File(long bytes)
    {
        Interlocked.Increment(ref _files);
        var total = Interlocked.Add(ref _bytes, bytes);
        Report(total);
    }

    public void Bytes(long bytes) => Report(Interlocked.Add(ref _bytes, bytes));

    public void Commit() => Interlocked.Increment(ref _commits);

    public void Binary() => Interlocked.Increment(ref _binary);

    public void Large() => Interlocked.Increment(ref _large);

    public ScanStats Stats(TimeSpan elapsed) => new()
    {
        Files = Interlocked.Read(ref _files),
        Bytes = Interlocked.Read(ref _bytes),
        Commits = Interlocked.Read(ref _commits),
        SkippedBinary = Interlocked.Read(ref _binary),
        SkippedLarge = Interlocked.Read(ref _large),
        Elapsed = elapsed,
    };

    private void Report(long total)
    {
        if (progress is null)
            return;
        var last = Interlocked.Read(ref _lastReport);
        if (total - last < 4 * 1024 * 1024 || Interlocked.CompareExchange(ref _lastReport, total, last) != last)
            return;
        progress.Report(new ScanProgress(total, Interlocked.Read(ref _files), Interlocked.Read(ref _commits)));
    }
}
