using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>Parses the .tf files of one folder as a module, resolves static values and runs the Terraform audits.</summary>
internal static class TerraformModuleAnalyzer
{
    public static IEnumerable<(string Path, string Text, IReadOnlyList<CheckHit> Hits)> Analyze(IReadOnlyList<ConfigFile> files)
    {
        var parsed = new List<(string Path, HclBody Body)>();
        var byPath = files.ToDictionary(f => f.RelativePath, f => new List<CheckHit>(), StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                parsed.Add((file.RelativePath, HclParser.ParseFile(file.Text)));
            }
            catch (HclSyntaxException e)
            {
                byPath[file.RelativePath].Add(ConfigScanner.ParseError("invalid HCL: " + e.Message, e.Line, e.Column));
            }
        }

        var module = HclModuleReader.Read(parsed, TfVars(files));
        var hits = new TfHits();
        TerraformAudit.Run(module, hits);
        foreach (var (path, hit) in hits.Items)
            byPath[path].Add(hit);
        return files.Select(f => (f.RelativePath, f.Text, (IReadOnlyList<CheckHit>)byPath[f.RelativePath]));
    }

    /// <summary><c>terraform.tfvars</c> then <c>*.auto.tfvars</c> (in name order) of the module's folder; later files win.</summary>
    private static List<HclBody> TfVars(IReadOnlyList<ConfigFile> files)
    {
        var folder = Path.GetDirectoryName(files[0].FullPath)!;
        var names = new List<string>();
        if (File.Exists(Path.Combine(folder, "terraform.tfvars")))
            names.Add(Path.Combine(folder, "terraform.tfvars"));
        names.AddRange(Directory.EnumerateFiles(folder, "*.auto.tfvars").Order(StringComparer.Ordinal));
        var bodies = new List<HclBody>();
        foreach (var name in names)
        {
            var info = new FileInfo(name);
            if (info.LinkTarget is not null || info.Length > 1024 * 1024)
                continue;
            try
            {
                bodies.Add(HclParser.ParseFile(File.ReadAllText(name)));
            }
            catch (HclSyntaxException)
            {
                // A broken tfvars file only loses its overrides; defaults still apply.
            }
        }

        return bodies;
    }
}
