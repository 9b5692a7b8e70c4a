using System.Globalization;
using Rampart.Core.Stages;
using Rampart.Security.Scanning.SecretScan.Config;

namespace Rampart.Security.Scanning.SecretScan.Stages;

/// <summary>
/// After the jobs: scans every artifact the run kept (archives entry by entry, with base64/hex decoding
/// one level deep), so a credential baked into a build output is caught before it is signed or shipped.
/// </summary>
public sealed class SecretArtifactScanStage : IStage
{
    public const string StageId = "secret-scan-artifacts";

    public string Id => StageId;
    public int Version => 1;
    public StagePhase Phase => StagePhase.AfterJobs;
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Rules.SecretRuleSet rules;
        try
        {
            rules = context.SourceRoot.Length > 0 ? SecretScanStage.ProjectRules(context) : BuiltInRules.Compiled;
        }
        catch (Engine.SecretConfigException e)
        {
            return StageResult.Failure("secret scan: " + e.Message);
        }

        var engine = new SecretScanEngine(rules, new SecretScanOptions { DecodeDepth = 1 });
        var findings = new List<Core.Findings.Finding>();
        foreach (var artifact in context.Artifacts)
        {
            var name = $"artifacts/{artifact.Job}/{artifact.Name}";
            var stream = context.ArtifactStore.OpenRead(artifact.Digest);
            await using (stream.ConfigureAwait(false))
            {
                var result = await engine.ScanArtifactAsync(stream, name, cancellationToken).ConfigureAwait(false);
                findings.AddRange(result.Findings.Select(f => f.ToFinding(StageId)));
                await context.Log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {result.Findings.Count} finding(s), {result.Stats.Files} file(s), {result.Stats.Bytes / 1e6:0.0} MB")).ConfigureAwait(false);
            }
        }

        return new StageResult(findings);
    }
}
