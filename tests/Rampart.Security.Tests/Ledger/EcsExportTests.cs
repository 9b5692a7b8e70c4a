using System.Text;
using System.Text.Json;
using Rampart.Core.Audit;
using Rampart.Security.Ledger;
using Rampart.Security.Ledger.Export;

namespace Rampart.Security.Tests.Ledger;

public sealed class EcsExportTests
{
    [Fact]
    public async Task Export_WritesOneEcsLinePerEntry_WithActionOutcomeSequenceAndHash()
    {
        using var folder = new TempLedgerFolder();
        await using (var ledger = AuditLedger.Open(folder.Path))
        {
            var token = TestContext.Current.CancellationToken;
            // Shaped as the engine records them (Rampart.Engine.Runs.RunAudit).
            await ledger.AppendAsync(Event(AuditKinds.RunStarted, "run/7", ("commit", "0123abcd"), ("ref", "refs/heads/main"), ("trigger", "push"), ("pipeline_digest", "sha256:00ff")), token);
            await ledger.AppendAsync(Event(AuditKinds.SecretIssued, "run/7/job/deploy", ("name", "REGISTRY_TOKEN"), ("job", "deploy"), ("step", "push"), ("delivery", "env")), token);
            await ledger.AppendAsync(Event(AuditKinds.StepFinished, "run/7/job/build/step/2", ("step", "test"), ("outcome", "failed"), ("exit_code", "1"), ("duration_ms", "2000")), token);
            await ledger.AppendAsync(Event(AuditKinds.GateDecided, "run/7", ("gate", "severity"), ("decision", "fail"), ("reasons", "2 findings at or above high: 1 critical, 1 high")), token);
        }

        using var reader = LedgerReader.Open(folder.Path);
        using var output = new MemoryStream();
        Assert.Equal(4, EcsLineWriter.Write(reader.RawEntries(), output, "test-ledger"));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        var stored = reader.RawEntries().ToList();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JsonDocument.Parse(lines[i]).RootElement;
            Assert.Equal(i, line.GetProperty("event").GetProperty("sequence").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(stored[i].LeafHash), line.GetProperty("event").GetProperty("hash").GetString());
            Assert.Equal("8.11.0", line.GetProperty("ecs").GetProperty("version").GetString());
            Assert.Equal("engine", line.GetProperty("user").GetProperty("name").GetString());
            Assert.EndsWith("Z", line.GetProperty("@timestamp").GetString(), StringComparison.Ordinal);
        }

        var secret = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Equal("secret.issued", secret.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal("REGISTRY_TOKEN", secret.GetProperty("rampart").GetProperty("details").GetProperty("name").GetString());
        var step = JsonDocument.Parse(lines[2]).RootElement;
        Assert.Equal("failure", step.GetProperty("event").GetProperty("outcome").GetString());
        Assert.Equal("1", step.GetProperty("rampart").GetProperty("details").GetProperty("exit_code").GetString());
        var gate = JsonDocument.Parse(lines[3]).RootElement;
        Assert.Equal("failure", gate.GetProperty("event").GetProperty("outcome").GetString());
        Assert.Equal("2 findings at or above high: 1 critical, 1 high", gate.GetProperty("rampart").GetProperty("details").GetProperty("reasons").GetString());
        Assert.Equal("run/7", gate.GetProperty("rampart").GetProperty("subject").GetString());
    }

    private static AuditEvent Event(string kind, string subject, params (string Key, string Value)[] details) =>
        new(kind, "engine", subject, details.ToDictionary(d => d.Key, d => d.Value));

    [Fact]
    public void AuditKinds_AreDistinct_AndShapedAreaDotVerb()
    {
        Assert.Equal(AuditKinds.All.Count, AuditKinds.All.Distinct().Count());
        Assert.All(AuditKinds.All, kind => Assert.Matches("^[a-z]+\\.[a-z]+$", kind));
        Assert.Equal(17, AuditKinds.All.Count);
    }
}
