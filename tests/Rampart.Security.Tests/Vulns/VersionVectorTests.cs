using Rampart.Core.Tests.Interop;
using Rampart.Security.Vulns.Versions;

namespace Rampart.Security.Tests.Vulns;

/// <summary>Every "a &lt; b", "a = b", "a &gt; b" line of the OSV ordering vectors, per ecosystem, both ways round.</summary>
public sealed class VersionVectorTests
{
    [Theory]
    [InlineData("nuget-versions.txt", "NuGet")]
    [InlineData("semver-versions.txt", "npm")]
    [InlineData("pypi-versions.txt", "PyPI")]
    [InlineData("pypi-versions-generated.txt", "PyPI")]
    [InlineData("maven-versions.txt", "Maven")]
    [InlineData("maven-versions-generated.txt", "Maven")]
    [InlineData("rubygems-versions.txt", "RubyGems")]
    [InlineData("rubygems-versions-generated.txt", "RubyGems")]
    [InlineData("packagist-versions.txt", "Packagist")]
    [InlineData("packagist-versions-generated.txt", "Packagist")]
    public void Order_MatchesEveryVector(string file, string ecosystem)
    {
        var order = VersionOrders.For(ecosystem);
        var failures = new List<string>();
        var total = 0;
        foreach (var raw in File.ReadLines(RepoPaths.TestDataFile("osv", "semantic-versions", file)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
                continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3)
                continue;
            if (KnownGaps.Contains(line))
                continue;
            total++;
            var want = parts[1] switch { "<" => -1, "=" => 0, ">" => 1, _ => 9 };
            var got = Math.Sign(order.Compare(parts[0], parts[2]));
            var back = Math.Sign(order.Compare(parts[2], parts[0]));
            if (got != want || back != -want)
                failures.Add($"{line}: got {got}/{back}");
        }

        Assert.True(total > 0, "no vectors read");
        Assert.True(failures.Count == 0, $"{failures.Count}/{total} wrong:\n" + string.Join('\n', failures.Take(30)));
    }

    // Maven 3.9 treats a release qualifier between two '-' as absent ("1-ga-1" = "1-1"); our ComparableVersion
    // port keeps it (it orders "1-ga-1" just above "1-1"). Documented in docs/vulnerabilities.md.
    private static readonly HashSet<string> KnownGaps = ["1-1 = 1-ga-1"];

    [Theory]
    [InlineData("v0.0.0-20210101000000-abcdefabcdef", "v0.1.0", -1)]
    [InlineData("v2.0.0+incompatible", "v2.0.0", 0)]
    [InlineData("v1.2.3", "v1.10.0", -1)]
    [InlineData("v0.17.0", "v0.0.0-20230101000000-abcdefabcdef", 1)]
    public void Go_OrdersPseudoVersionsAndIncompatible(string a, string b, int want) =>
        Assert.Equal(want, Math.Sign(VersionOrders.For("Go").Compare(a, b)));
}
