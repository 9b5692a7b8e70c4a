using System.Reflection;

namespace Rampart.Cli.Hosting;

/// <summary>The version this build of <c>rampart</c> reports in SBOMs and SARIF.</summary>
internal static class ToolInfo
{
    public static string Version { get; } =
        (typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
