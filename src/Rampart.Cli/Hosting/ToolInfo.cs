using System.Reflection;
using Rampart.Core.Findings.Sarif;

namespace Rampart.Cli.Hosting;

/// <summary>How Rampart names itself in reports.</summary>
internal static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static SarifTool Sarif { get; } = new("rampart", Version, "https://rampart.example/docs");
}
