using System.Diagnostics;
using System.Globalization;

namespace Rampart.Cli.Console;

/// <summary>
/// A one-line progress display on standard error (bytes, files or commits, and MB/s), redrawn in
/// place at most five times a second. Only on an interactive terminal without NO_COLOR or CI.
/// </summary>
internal sealed class ScanProgressLine : IProgress<Security.Scanning.SecretScan.ScanProgress>, IDisposable
{
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastDraw;
    private bool _drawn;
    private bool _disposed;

    private ScanProgressLine(string unit) => _unit = unit;

    public static ScanProgressLine? Start(string unit) =>
        !System.Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? new ScanProgressLine(unit)
            : null;

    public void Report(Security.Scanning.SecretScan.ScanProgress value)
    {
        lock (_gate)
        {
            if (_disposed || _clock.ElapsedMilliseconds - _lastDraw < 200)
                return;
            _lastDraw = _clock.ElapsedMilliseconds;
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var count = _unit == "commits" ? value.Commits : value.Files;
            var rate = value.Bytes / 1e6 / seconds;
            var perSecond = count / seconds;
            System.Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r  scanning: {value.Bytes / 1e6,8:0.0} MB  {count,9:N0} {_unit}  {rate,6:0} MB/s  {perSecond,7:0} {_unit}/s "));
            _drawn = true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (_drawn)
                System.Console.Error.Write("\r" + new string(' ', 78) + "\r");
        }
    }
}
