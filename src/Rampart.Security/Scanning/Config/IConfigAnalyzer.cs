namespace Rampart.Security.Scanning.Config;

/// <summary>Finds misconfigurations in one type of file. Implementations are stateless and thread-safe.</summary>
internal interface IConfigAnalyzer
{
    bool Handles(ConfigFileType type);

    /// <summary>Adds what it finds to <paramref name="hits"/>; throws <see cref="ConfigParseException"/> for unreadable input.</summary>
    void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits);
}
