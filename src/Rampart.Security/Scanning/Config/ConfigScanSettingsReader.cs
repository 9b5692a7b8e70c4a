using Rampart.Core.Findings;
using Rampart.Security.Scanning.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Reads the settings file:
/// <code>
/// disable: [k8s-missing-probes]
/// severity: { k8s-image-no-digest: info }
/// exclude: ["tests/fixtures/**"]
/// kinds: [workflow, kubernetes]
/// </code>
/// Unknown keys and unknown check ids are errors, so a typo cannot silently keep a check on.
/// </summary>
public static class ConfigScanSettingsReader
{
    /// <summary>The settings file looked for in the scanned root when none is given.</summary>
    public const string DefaultRelativePath = ".rampart/misconfig.yml";

    public static ConfigScanSettings Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new ConfigSettingsException($"{path}: settings file not found");
        if (info.Length > 1024 * 1024)
            throw new ConfigSettingsException($"{path}: settings file is larger than 1 MiB");
        return Parse(File.ReadAllText(path), path);
    }

    public static ConfigScanSettings Parse(string text, string displayPath)
    {
        IReadOnlyList<YamlNode> docs;
        try
        {
            docs = YamlLoader.LoadDocuments(text);
        }
        catch (ConfigParseException e)
        {
            throw new ConfigSettingsException($"{displayPath}:{e.Line}:{e.Column}: {e.Message}");
        }

        if (docs.Count == 0 || docs[0] is YamlScalarNode { Value: null or "" })
            return ConfigScanSettings.Default;
        if (docs.Count > 1 || docs[0] is not YamlMappingNode root)
            throw new ConfigSettingsException($"{displayPath}: expected one mapping with keys disable, severity, exclude, kinds");

        var disabled = new HashSet<string>(StringComparer.Ordinal);
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var exclude = new List<string>();
        var kinds = new HashSet<ConfigKind>();
        foreach (var (key, keyNode, value) in root.Entries())
        {
            var where = $"{displayPath}:{keyNode.Line()}:{keyNode.Col()}";
            switch (key)
            {
                case "disable":
                    foreach (var id in value.Strings())
                        disabled.Add(KnownCheck(id, where));
                    break;
                case "severity":
                    foreach (var (id, _, level) in value.Entries())
                        severities[KnownCheck(id, where)] = ParseSeverity(level.Str(), where);
                    break;
                case "exclude":
                    exclude.AddRange(value.Strings().Where(s => s.Length > 0));
                    break;
                case "kinds":
                    foreach (var kind in value.Strings())
                        kinds.Add(ParseKind(kind, where));
                    break;
                default:
                    throw new ConfigSettingsException($"{where}: unknown key '{key}' (allowed: disable, severity, exclude, kinds)");
            }
        }

        return new ConfigScanSettings { Disabled = disabled, SeverityOverrides = severities, Exclude = exclude, Kinds = kinds };
    }

    public static Severity ParseSeverity(string? text, string where) =>
        Enum.TryParse<Severity>(text, ignoreCase: true, out var severity) && !int.TryParse(text, out _)
            ? severity
            : throw new ConfigSettingsException($"{where}: unknown severity '{text}' (allowed: info, low, medium, high, critical)");

    public static ConfigKind ParseKind(string text, string where) =>
        Enum.TryParse<ConfigKind>(text, ignoreCase: true, out var kind) && kind != ConfigKind.General && !int.TryParse(text, out _)
            ? kind
            : throw new ConfigSettingsException($"{where}: unknown kind '{text}' (allowed: workflow, kubernetes, dockerfile, terraform)");

    private static string KnownCheck(string id, string where) =>
        ConfigCheckCatalog.Find(id) is not null
            ? id
            : throw new ConfigSettingsException($"{where}: unknown check '{id}' (see docs/rules/ for the ids)");
}
