using Rampart.Core.Runs;
using Rampart.Core.Stages;
using Rampart.Security.Scanning.Config;
using Rampart.Security.Scanning.SecretScan.Stages;
using Rampart.Security.Vulns;
using Rampart.Security.Vulns.Store;

namespace Rampart.Cli.Hosting;

/// <summary>The controls wired into every run by this host. Each control registers its stage here.</summary>
internal static class BuiltInStages
{
    /// <summary>The stages of a run recorded in <paramref name="store"/> (the secret scan looks up the last good commit there).</summary>
    public static IReadOnlyList<IStage> For(IRunStore store) =>
    [
        new ConfigScanStage(),
        new SecretScanStage(SecretScanStage.LastGoodCommitFrom(store)),
        new DependencyScanStage(() => AdvisoryLocation.Resolve(), ToolInfo.Version),
        new SecretArtifactScanStage(),
    ];
}
