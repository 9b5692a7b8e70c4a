namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>Collects hits per file for a module.</summary>
internal sealed class TfHits
{
    public List<(string Path, CheckHit Hit)> Items { get; } = [];

    public void Add(TfResource resource, ConfigCheck check, int line, string detail, string keySuffix = "") =>
        Items.Add((resource.Path, new CheckHit(check, line, 1, $"{resource.Address}: {detail}", resource.Address + keySuffix)));
}
