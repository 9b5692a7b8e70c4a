using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rampart.Core.Runs;
using Rampart.Engine.Runs;
using Rampart.Engine.Sandbox;

namespace Rampart.Cli.Console;

/// <summary>
/// Prints a run as plain lines: step output prefixed by its job (so parallel jobs stay readable),
/// one line per step and job result. Keeps a one-line summary of what is running for a live
/// status display on a terminal.
/// </summary>
internal sealed class ConsoleRunObserver : IRunObserver
{
    private readonly Action<string> _writeLine;
    private readonly ConcurrentDictionary<string, StringBuilder> _partialLines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Step, Stopwatch Clock)> _active = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ConsoleRunObserver(Action<string> writeLine)
    {
        _writeLine = writeLine;
    }

    /// <summary>What runs now, e.g. <c>build › test 12s · lint › shellcheck 3s</c>.</summary>
    public string Status
    {
        get
        {
            var parts = _active.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => $"{p.Key} › {p.Value.Step} {p.Value.Clock.Elapsed.TotalSeconds:0}s");
            var text = string.Join(" · ", parts);
            return text.Length == 0 ? "preparing" : text;
        }
    }

    public void RunStarted(RunRecord run) =>
        Write($"run {run.Id}: {run.Pipeline} at {run.Commit[..Math.Min(12, run.Commit.Length)]} ({run.Event}, {run.Ref})");

    public void Notice(string message) => Write("note: " + message);

    public void JobStarted(string job) => Write($"[{job}] started");

    public void StepStarted(string job, int index, string step)
    {
        _active[job] = (step, Stopwatch.StartNew());
        Write($"[{job}] ▶ {step}");
    }

    public void StepOutput(string job, int index, string text)
    {
        var buffer = _partialLines.GetOrAdd(job, _ => new StringBuilder());
        lock (buffer)
        {
            foreach (var ch in text)
            {
                if (ch == '\n')
                {
                    Write($"[{job}] │ {buffer.ToString().TrimEnd('\r')}");
                    buffer.Clear();
                }
                else
                {
                    buffer.Append(ch);
                }
            }
        }
    }

    public void StepFinished(string job, int index, string step, Outcome outcome, SandboxResult? result)
    {
        FlushPartial(job);
        _active.TryRemove(job, out _);
        var seconds = result is null ? "" : $", {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s";
        var mark = outcome == Outcome.Succeeded ? "✓" : "✗";
        var detail = outcome switch
        {
            Outcome.Succeeded => "",
            Outcome.TimedOut => " timed out",
            _ => result is null ? $" {outcome.ToString().ToLowerInvariant()}" : $" failed (exit {result.ExitCode})",
        };
        Write($"[{job}] {mark} {step}{detail}{seconds}");
    }

    public void JobFinished(string job, Outcome outcome, string? error) =>
        Write($"[{job}] {outcome.ToString().ToLowerInvariant()}{(error is null ? "" : ": " + error)}");

    public void StageFinished(string stage, int findings, string? error) =>
        Write($"stage {stage}: {(error ?? $"{findings} finding(s)")}");

    public void RunFinished(RunRecord run)
    {
        var duration = run.FinishedAt is { } end ? $" in {(end - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s" : "";
        Write($"run {run.Id}: {run.Status.ToString().ToLowerInvariant()}{duration}{(run.Error is null ? "" : " — " + run.Error)}");
    }

    private void FlushPartial(string job)
    {
        if (_partialLines.TryGetValue(job, out var buffer))
        {
            lock (buffer)
            {
                if (buffer.Length > 0)
                    Write($"[{job}] │ {buffer}");
                buffer.Clear();
            }
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _writeLine(line);
        }
    }
}
