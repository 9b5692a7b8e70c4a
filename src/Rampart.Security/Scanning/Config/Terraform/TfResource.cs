namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>A resource or data source: type, name and body, and the file it was declared in.</summary>
internal sealed record TfResource(string Type, string Name, TfObject Body, string Path, bool IsData = false)
{
    public string Address => (IsData ? "data." : "") + Type + "." + Name;
}
