using Rampart.Core.Findings.Sarif;

namespace Rampart.Core.Tests.Findings.Sarif;

/// <summary>
/// Golden-file test: any change to the SARIF text must come with a reviewed change to
/// <c>expected/basic.sarif</c>. On mismatch the actual output is written next to the test binary.
/// </summary>
public sealed class SarifSnapshotTests
{
    [Fact]
    public void ToJson_MatchesCheckedInSnapshot_ForBasicSample()
    {
        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Findings", "Sarif", "expected", "basic.sarif");
        var expected = File.ReadAllText(expectedPath);

        var actual = SarifWriter.ToJson(SarifSamples.Tool, SarifSamples.Rules, SarifSamples.BasicFindings);

        if (actual != expected)
        {
            var actualPath = Path.Combine(AppContext.BaseDirectory, "basic.actual.sarif");
            File.WriteAllText(actualPath, actual);
            Assert.Fail(
                $"SARIF output differs from the snapshot. Actual output written to {actualPath}. " +
                "If the change is intended, review the diff and copy it over " +
                "tests/Rampart.Core.Tests/Findings/Sarif/expected/basic.sarif.");
        }
    }
}
