using Rampart.Core.Findings;
using Rampart.Security.Vulns.Osv;

namespace Rampart.Security.Tests.Vulns;

/// <summary>Matching real advisories: ranges, last_affected, explicit lists, odd data, severity and the upgrade target.</summary>
public sealed class MatcherAdvisoryTests
{
    [Theory]
    [InlineData("npm", "lodash", "4.17.20", "CVE-2021-23337", "4.17.21")]
    [InlineData("npm", "lodash.template", "4.5.0", "CVE-2021-23337", null)]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "CVE-2021-44228", "2.15.0")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.0-beta9", "CVE-2021-44228", "2.3.1")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.10.0", "CVE-2021-44228", "2.12.2")]
    [InlineData("Maven", "org.xbib.elasticsearch:log4j", "6.3.2.1", "CVE-2021-44228", null)]
    [InlineData("NuGet", "Npgsql", "8.0.2", "CVE-2024-32655", "8.0.3")]
    [InlineData("NuGet", "Npgsql", "7.0.6", "CVE-2024-32655", "7.0.7")]
    [InlineData("NuGet", "BouncyCastle", "1.8.9", "CVE-2024-29857", null)]
    [InlineData("NuGet", "azure.identity", "1.10.0", "CVE-2024-35255", "1.11.4")]
    [InlineData("PyPI", "django", "4.1.9", "CVE-2023-36053", "4.1.10")]
    [InlineData("PyPI", "Django", "3.2.19", "CVE-2023-36053", "3.2.20")]
    [InlineData("Go", "golang.org/x/net", "v0.0.0-20220722155237-a158d28d115b", "CVE-2023-39325", "0.17.0")]
    [InlineData("Go", "golang.org/x/net", "v0.16.0", "CVE-2023-39325", "0.17.0")]
    public void Match_ReportsAffectedVersion_WithUpgradeTarget(string ecosystem, string name, string version, string id, string? fix)
    {
        var match = Assert.Single(Advisories.Match(ecosystem, name, version), m => m.Id == id || m.Aliases.Contains(id));
        Assert.Equal(fix, match.FixedVersion);
        Assert.False(string.IsNullOrWhiteSpace(match.MatchedRange));
    }

    [Theory]
    [InlineData("npm", "lodash", "4.17.21", "CVE-2021-23337")]
    [InlineData("npm", "lodash.template", "4.5.1", "CVE-2021-23337")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.15.0", "CVE-2021-44228")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.12.2", "CVE-2021-44228")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.0-beta8", "CVE-2021-44228")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "2.17.1", "CVE-2021-44228")]
    [InlineData("Maven", "org.xbib.elasticsearch:log4j", "6.3.2.2", "CVE-2021-44228")]
    [InlineData("NuGet", "Npgsql", "8.0.3", "CVE-2024-32655")]
    [InlineData("NuGet", "Npgsql", "7.0.7", "CVE-2024-32655")]
    [InlineData("NuGet", "Npgsql", "7.0.8", "CVE-2024-32655")]
    [InlineData("PyPI", "django", "4.1.10", "CVE-2023-36053")]
    [InlineData("PyPI", "django", "5.0", "CVE-2023-36053")]
    [InlineData("Go", "golang.org/x/net", "v0.17.0", "CVE-2023-39325")]
    [InlineData("NuGet", "Newtonsoft.Json", "13.0.1", "CVE-2024-21907")]
    public void Match_ReportsNothing_ForFixedOrUnaffectedVersions(string ecosystem, string name, string version, string id) =>
        Assert.DoesNotContain(Advisories.Match(ecosystem, name, version), m => m.Id == id || m.Aliases.Contains(id));

    [Fact]
    public void Severity_ComesFromCvssVector()
    {
        var log4j = Advisories.Match("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1").Single(m => m.Id == "CVE-2021-44228");
        Assert.Equal(10.0, log4j.Score);
        Assert.Equal(Severity.Critical, log4j.Severity);
        var lodash = Advisories.Match("npm", "lodash", "4.17.20").Single();
        Assert.Equal(7.2, lodash.Score);
        Assert.Equal(Severity.High, lodash.Severity);
    }

    [Fact]
    public void Severity_ComesFromTheV4Vector_WhenTheRecordCarriesOne()
    {
        // GHSA-hh2w-p6rv-4g7w carries CVSS:3.1 …/A:H (7.5) and CVSS:4.0 …/VA:H (8.7).
        var match = Advisories.Match("NuGet", "System.Text.Json", "8.0.3").Single(m => m.Id == "CVE-2024-30105");
        Assert.Equal(8.7, match.Score);
        Assert.Equal("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", match.Vector);
        Assert.Equal(Severity.High, match.Severity);
        Assert.Equal("cvss", match.SeveritySource);
    }

    [Fact]
    public void Severity_FallsBackToTheV3Vector_WhenTheV4VectorIsMalformed()
    {
        var record = Advisories.All.Single(r => r.Id == "GHSA-hh2w-p6rv-4g7w");
        var broken = record with
        {
            Severity = [.. record.Severity.Select(s => s.Type == "CVSS_V4" ? s with { Score = s.Score.Replace("/AC:L/AT:N", "/AT:N/AC:L", StringComparison.Ordinal) } : s)],
        };
        var match = Advisories.Match("NuGet", "System.Text.Json", "8.0.3", [broken]).Single();
        Assert.Equal(7.5, match.Score);
        Assert.StartsWith("CVSS:3.1/", match.Vector, StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_TakesTheHighestScore_AcrossMergedRecords_EachScoredByItsNewestVector()
    {
        var v4Low = new OsvRecord("GHSA-aaaa-aaaa-aaaa", DateTimeOffset.UnixEpoch, ["CVE-2099-0001"], [Affected()])
        {
            Severity = [new("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), new("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N")],
        };
        var v3Only = new OsvRecord("OSV-2099-1", DateTimeOffset.UnixEpoch, ["CVE-2099-0001"], [Affected()])
        {
            Severity = [new("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N")],
        };
        var match = Advisories.Match("npm", "left-pad", "1.0.0", [v4Low, v3Only]).Single();

        // The first record's v4 score (6.9) replaces its own v3 score (9.8); the other record's v3 score is 5.5.
        Assert.Equal(6.9, match.Score);
        Assert.Equal(Severity.Medium, match.Severity);
        Assert.StartsWith("CVSS:4.0/", match.Vector, StringComparison.Ordinal);

        static OsvAffected Affected() => new("npm", "left-pad", [new OsvRange("SEMVER", [new(OsvEventKind.Introduced, "0"), new(OsvEventKind.Fixed, "1.1.0")])], []);
    }

    [Fact]
    public void Aliases_MergeRecords_SoOneCveIsReportedOnce()
    {
        var ghsa = Advisories.All.Single(r => r.Id == "GHSA-35jh-r3h4-6jhm");
        var copy = ghsa with { Id = "OSV-2021-LODASH", Aliases = ["GHSA-35jh-r3h4-6jhm"] };
        var viaCve = ghsa with { Id = "CVE-2021-23337", Aliases = [] };
        var matches = Advisories.Match("npm", "lodash", "4.17.20", [ghsa, copy, viaCve]);
        var match = Assert.Single(matches);
        Assert.Equal("CVE-2021-23337", match.Id);
        Assert.Equal(["GHSA-35jh-r3h4-6jhm", "OSV-2021-LODASH"], match.Aliases);
        Assert.Equal(3, match.Records.Count);
    }

    [Fact]
    public void WithdrawnRecords_AreIgnored()
    {
        var withdrawn = Advisories.All.Single(r => r.Id == "GHSA-35jh-r3h4-6jhm") with { Withdrawn = DateTimeOffset.UnixEpoch };
        Assert.Empty(Advisories.Match("npm", "lodash", "4.17.20", [withdrawn]));
    }

    [Fact]
    public void Limit_StopsRange_AtTheLimit()
    {
        var record = new OsvRecord("TEST-1", DateTimeOffset.UnixEpoch, [],
            [new OsvAffected("npm", "left-pad", [new OsvRange("SEMVER", [new(OsvEventKind.Introduced, "0"), new(OsvEventKind.Limit, "2.0.0")])], [])]);
        Assert.Single(Advisories.Match("npm", "left-pad", "1.9.9", [record]));
        Assert.Empty(Advisories.Match("npm", "left-pad", "2.0.0", [record]));
    }

    [Fact]
    public void ReIntroduced_Ranges_AreEvaluatedInVersionOrder_NotFileOrder()
    {
        var record = new OsvRecord("TEST-2", DateTimeOffset.UnixEpoch, [],
            [new OsvAffected("npm", "pkg", [new OsvRange("SEMVER", [new(OsvEventKind.Fixed, "1.5.0"), new(OsvEventKind.Introduced, "2.0.0"), new(OsvEventKind.Introduced, "1.0.0"), new(OsvEventKind.Fixed, "2.1.0")])], [])]);
        Assert.Empty(Advisories.Match("npm", "pkg", "0.9.0", [record]));
        Assert.Single(Advisories.Match("npm", "pkg", "1.2.0", [record]));
        Assert.Empty(Advisories.Match("npm", "pkg", "1.7.0", [record]));
        Assert.Equal("2.1.0", Assert.Single(Advisories.Match("npm", "pkg", "2.0.5", [record])).FixedVersion);
    }

    [Fact]
    public void GitRanges_AreNotGuessed()
    {
        var record = new OsvRecord("TEST-3", DateTimeOffset.UnixEpoch, [],
            [new OsvAffected("npm", "pkg", [new OsvRange("GIT", [new(OsvEventKind.Introduced, "0"), new(OsvEventKind.Fixed, "abc123")])], [])]);
        Assert.Empty(Advisories.Match("npm", "pkg", "1.0.0", [record]));
    }
}
