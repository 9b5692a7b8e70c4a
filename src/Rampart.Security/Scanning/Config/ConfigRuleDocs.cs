using System.Text;

namespace Rampart.Security.Scanning.Config;

/// <summary>
/// Renders the rule pages of <c>docs/rules/</c> from the check catalog, so the documentation and
/// the code cannot drift apart (a test compares the checked-in pages with this output).
/// </summary>
public static class ConfigRuleDocs
{
    public static string Page(ConfigCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = new StringBuilder();
        text.Append("# ").Append(check.Id).Append(": ").Append(check.Title).Append("\n\n");
        text.Append("| kind | default severity |\n|---|---|\n");
        text.Append("| ").Append(KindName(check.Kind)).Append(" | ").Append(check.Severity.ToString().ToLowerInvariant()).Append(" |\n\n");
        text.Append("## Why it matters\n\n").Append(check.Why).Append("\n\n");
        text.Append("## How to fix\n\n").Append(check.Fix).Append("\n\n");
        text.Append("## Suppress or tune\n\n");
        text.Append("On the line (or the line above): `# rampart:ignore ").Append(check.Id).Append(" -- <reason>`.\n");
        text.Append("For the whole project, in `.rampart/misconfig.yml`: `disable: [").Append(check.Id).Append("]` or `severity: { ").Append(check.Id).Append(": low }`.\n\n");
        text.Append("## Reference\n\n").Append(check.Reference).Append('\n');
        return text.ToString();
    }

    public static string Index()
    {
        var text = new StringBuilder("# Misconfiguration rules\n\nGenerated from the check catalog; see [../misconfiguration.md](../misconfiguration.md) for the scanner.\n\n");
        foreach (var group in ConfigCheckCatalog.All.GroupBy(c => c.Kind))
        {
            text.Append("## ").Append(KindName(group.Key)).Append("\n\n| id | severity | title |\n|---|---|---|\n");
            foreach (var check in group)
                text.Append("| [").Append(check.Id).Append("](").Append(check.Id).Append(".md) | ").Append(check.Severity.ToString().ToLowerInvariant()).Append(" | ").Append(check.Title).Append(" |\n");
            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Writes every page and the index into <paramref name="folder"/>, removing pages of checks that no longer exist.</summary>
    public static void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.EnumerateFiles(folder, "*.md").Where(f => Path.GetFileName(f) != "README.md" && ConfigCheckCatalog.Find(Path.GetFileNameWithoutExtension(f)) is null))
            File.Delete(stale);
        foreach (var check in ConfigCheckCatalog.All)
            File.WriteAllText(Path.Combine(folder, check.Id + ".md"), Page(check));
        File.WriteAllText(Path.Combine(folder, "README.md"), Index());
    }

    private static string KindName(ConfigKind kind) => kind switch
    {
        ConfigKind.Workflow => "CI workflows",
        ConfigKind.Kubernetes => "Kubernetes",
        ConfigKind.Dockerfile => "Dockerfile",
        ConfigKind.Terraform => "Terraform",
        _ => "General",
    };
}
