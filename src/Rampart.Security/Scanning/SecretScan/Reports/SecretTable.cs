using System.Globalization;

namespace Rampart.Security.Scanning.SecretScan.Reports;

/// <summary>Plain text for people: one block per finding, then a summary line.</summary>
public static class SecretTable
{
    public static void Write(TextWriter output, SecretScanResult result, int baselined)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        foreach (var f in result.Findings)
        {
            output.WriteLine(string.Create(c, $"{f.Severity.ToString().ToUpperInvariant(),-8} {f.RuleId}  {f.Path}:{f.Line}:{f.Column}"));
            output.WriteLine(string.Create(c, $"         {f.Description}: {f.Redacted}{(f.Decoded is null ? "" : $" (in {f.Decoded}-encoded text)")}"));
            if (f.Commit is not null)
                output.WriteLine(string.Create(c, $"         commit {f.Commit[..Math.Min(12, f.Commit.Length)]} by {f.Author} on {f.Date:yyyy-MM-dd}"));
            output.WriteLine(string.Create(c, $"         fingerprint {f.Fingerprint}"));
        }

        var s = result.Stats;
        var mb = s.Bytes / 1e6;
        var rate = s.Elapsed.TotalSeconds > 0 ? mb / s.Elapsed.TotalSeconds : 0;
        var what = s.Commits > 0 ? string.Create(c, $"{s.Commits} commits") : string.Create(c, $"{s.Files} files");
        var count = result.Findings.Count == 0 ? "no secrets found" : string.Create(c, $"{result.Findings.Count} secret{(result.Findings.Count == 1 ? "" : "s")} found");
        var baseline = baselined > 0 ? string.Create(c, $", {baselined} in the baseline") : "";
        var skipped = s.SkippedBinary + s.SkippedLarge > 0 ? string.Create(c, $", skipped {s.SkippedBinary} binary and {s.SkippedLarge} oversized") : "";
        output.WriteLine(string.Create(c, $"{count}{baseline} — scanned {what}, {mb:0.0} MB in {s.Elapsed.TotalSeconds:0.00}s ({rate:0} MB/s){skipped}"));
    }
}
