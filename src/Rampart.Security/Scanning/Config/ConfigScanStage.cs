using Rampart.Core.Stages;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// The misconfiguration scan as a pipeline stage: before any job runs, audits the project folder
/// (the one holding <c>.rampart/</c>) for CI, Kubernetes, Docker and Terraform misconfigurations,
/// honouring <c>.rampart/misconfig.yml</c> and inline suppressions. Only reads files; runs nothing.
/// </summary>
public sealed class ConfigScanStage : IStage
{
    public string Id => ConfigScanner.SourceId;

    public int Version => 1;

    public StagePhase Phase => StagePhase.BeforeJobs;

    public TimeSpan Budget => TimeSpan.FromMinutes(2);

    public Task<StageResult> RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.ProjectRoot;
        ConfigScanSettings settings;
        try
        {
            var settingsPath = Path.Combine(root, ConfigScanSettingsReader.DefaultRelativePath);
            // An untrusted change cannot switch off the checks that would flag it.
            if (!context.Trusted && File.Exists(settingsPath))
                context.Log.WriteLine($"untrusted run: {ConfigScanSettingsReader.DefaultRelativePath} of the commit is not used");
            settings = context.Trusted && File.Exists(settingsPath) ? ConfigScanSettingsReader.Load(settingsPath) : ConfigScanSettings.Default;
        }
        catch (ConfigSettingsException e)
        {
            return Task.FromResult(StageResult.Failure(e.Message));
        }

        var report = new ConfigScanner(settings).Scan(root, cancellationToken);
        context.Log.WriteLine($"config-scan: {report.FilesScanned} files, {report.Findings.Count} findings, {report.Suppressed} suppressed");
        foreach (var finding in report.Findings)
            context.Log.WriteLine($"{finding.Location!.Path}:{finding.Location.StartLine}:{finding.Location.StartColumn}: {finding.Severity.ToString().ToLowerInvariant()} {finding.RuleId}: {finding.Message}");
        return Task.FromResult(new StageResult(report.Findings));
    }
}
