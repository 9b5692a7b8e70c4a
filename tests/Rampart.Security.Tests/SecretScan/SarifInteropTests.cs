using System.Text;
using System.Text.Json;
using Rampart.Core.Tests.Interop;
using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Reports;

namespace Rampart.Security.Tests.SecretScan;

/// <summary>Secret-scan SARIF checked by ajv against the official schema, and its locations checked by hand.</summary>
public sealed class SarifInteropTests(SarifSchemaFixture schema) : IClassFixture<SarifSchemaFixture>
{
    [Fact]
    public async Task SecretSarif_IsValidAgainstTheOfficialSchema_WithRelativePathsAndSecretLines()
    {
        using var repo = TempRepo.Empty();
        repo.Write("deploy/prod values.yaml", "a: 1\nb: 2\nslack: https://hooks.slack.com/services/T" + FakeSecrets.Chars('U', 10, new Random(1))
            + "/B" + FakeSecrets.Chars('U', 10, new Random(2)) + "/" + FakeSecrets.Chars('A', 24, new Random(3)) + "\n");
        repo.Write("src/ключ.cs", "var t = \"" + FakeSecrets.GitHub("ghp", new Random(4)) + "\";\n");
        var result = await new SecretScanEngine(BuiltInRules.Compiled).ScanDirectoryAsync(repo.Path, null, TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Findings.Count);
        using var buffer = new MemoryStream();
        SecretSarif.Write(buffer, BuiltInRules.Compiled, result.Findings);
        var text = Encoding.UTF8.GetString(buffer.ToArray());

        var validation = await schema.ValidateAsync(text, "secrets", TestContext.Current.CancellationToken);
        Assert.True(validation.ExitCode == 0, validation.StandardOutput + validation.StandardError);

        using var doc = JsonDocument.Parse(text);
        var locations = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation"))
            .Select(p => (Uri: p.GetProperty("artifactLocation").GetProperty("uri").GetString(), Line: p.GetProperty("region").GetProperty("startLine").GetInt32()))
            .ToList();
        Assert.Contains(("deploy/prod%20values.yaml", 3), locations);
        Assert.Contains(locations, l => l.Uri!.StartsWith("src/", StringComparison.Ordinal) && l.Line == 1);
    }
}
