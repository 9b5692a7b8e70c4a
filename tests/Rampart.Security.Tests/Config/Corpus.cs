using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.Config;

namespace Rampart.Security.Tests.Config;

/// <summary>
/// The labelled corpus: <c>Corpus/&lt;check-id&gt;/&lt;variant&gt;/…</c>, where a variant named
/// <c>vulnerable*</c> must raise the check and one named <c>fixed*</c> must not. Each variant folder is
/// scanned as a repository of its own, so file classification is tested too.
/// </summary>
internal static class Corpus
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Rampart.Security.Tests", "Config", "Corpus");

    public static IEnumerable<(string Check, string Variant, bool Vulnerable)> Variants() =>
        Directory.EnumerateDirectories(Folder).Order(StringComparer.Ordinal)
            .SelectMany(check => Directory.EnumerateDirectories(check).Order(StringComparer.Ordinal)
                .Select(v => (Path.GetFileName(check), Path.GetFileName(v), Path.GetFileName(v).StartsWith("vulnerable", StringComparison.Ordinal))));

    public static ConfigScanReport Scan(string check, string variant) =>
        new ConfigScanner().Scan(Path.Combine(Folder, check, variant), TestContext.Current.CancellationToken);
}
