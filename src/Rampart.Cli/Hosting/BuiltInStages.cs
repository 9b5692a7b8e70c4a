using Rampart.Core.Stages;
using Rampart.Security.Scanning.Config;
using Rampart.Security.Vulns;
using Rampart.Security.Vulns.Store;
using Rampart.Security.Scanning.SecretScan.Stages;

namespace Rampart.Cli.Hosting;

/// <summary>The controls wired into every run by this host. Each control registers its stage here.</summary>
internal static class BuiltInStages
{
    public static IReadOnlyList<IStage> All { get; } =
    [
        new ConfigScanStage(),
        new DependencyScanStage(() => AdvisoryLocation.Resolve(), ToolInfo.Version),
        new SecretScanStage(),
        new SecretArtifactScanStage(),
    ];
}
