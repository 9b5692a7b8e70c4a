using System.Globalization;
using Rampart.Core.Audit;

namespace Rampart.Benchmarks.Ledger;

/// <summary>Realistic events (about 250 bytes of canonical JSON) and throw-away state folders.</summary>
internal static class LedgerBenchmarkData
{
    public static AuditEvent Event(int run, int step) => new(AuditKinds.StepFinished, "engine",
        string.Create(CultureInfo.InvariantCulture, $"run/{run}/job/build/step/{step}"),
        new Dictionary<string, string>
        {
            ["outcome"] = "success",
            ["exit_code"] = "0",
            ["duration_ms"] = (step * 37 % 5000).ToString(CultureInfo.InvariantCulture),
            ["image"] = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
        });

    public static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "rampart-ledger-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
