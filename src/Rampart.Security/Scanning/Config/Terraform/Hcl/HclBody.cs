namespace Rampart.Security.Scanning.Config.Terraform.Hcl;

/// <summary>The contents of a file or block: attributes and nested blocks, in file order.</summary>
internal sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks)
{
    public HclAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<HclBlock> BlocksOf(string type) => Blocks.Where(b => b.Type == type);
}

internal sealed record HclAttribute(string Name, HclExpr Value, int Line, int Column);

internal sealed record HclBlock(string Type, IReadOnlyList<string> Labels, HclBody Body, int Line, int Column);
