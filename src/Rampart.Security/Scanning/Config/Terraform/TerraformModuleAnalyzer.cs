namespace Rampart.Security.Scanning.Config.Terraform;

internal static class TerraformModuleAnalyzer
{
    public static IEnumerable<(string Path, string Text, IReadOnlyList<CheckHit> Hits)> Analyze(IReadOnlyList<ConfigFile> files, ScanEnvironment environment)
    {
        _ = environment;
        return files.Select(f => (f.RelativePath, f.Text, (IReadOnlyList<CheckHit>)[]));
    }
}
