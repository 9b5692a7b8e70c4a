using Rampart.Security.Scanning.Config.Terraform.Hcl;

namespace Rampart.Security.Scanning.Config.Terraform;

/// <summary>
/// A resource body or nested block with its attribute values and nested blocks, whether it came
/// from HCL or from a plan. <see cref="DynamicBlocks"/> marks content that is only known at plan time.
/// </summary>
internal sealed class TfObject
{
    public Dictionary<string, (HclValue Value, int Line, int Column)> Attributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<TfObject>> Blocks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DynamicBlocks { get; } = new(StringComparer.Ordinal);

    public int Line { get; init; }

    public int Column { get; init; }

    public bool HasAttribute(string name) => Attributes.ContainsKey(name);

    public HclValue? Value(string name) => Attributes.TryGetValue(name, out var a) ? a.Value : null;

    public int LineOf(string name) => Attributes.TryGetValue(name, out var a) ? a.Line : Line;

    public IReadOnlyList<TfObject> BlocksOf(string type) => Blocks.TryGetValue(type, out var list) ? list : [];

    public TfObject? Block(string type) => BlocksOf(type) is { Count: > 0 } list ? list[0] : null;

    public bool MayHaveBlock(string type) => Blocks.ContainsKey(type) || DynamicBlocks.Contains(type);

    /// <summary>True when the attribute is missing or known to differ from <paramref name="expected"/>; false when it matches or is unknown.</summary>
    public bool IsNot(string name, bool expected) => Value(name) switch
    {
        null or HclNull => true,
        { } v when v.AsBool() is { } b => b != expected,
        _ => false,
    };

    public bool IsKnown(string name, bool expected) => Value(name)?.AsBool() == expected;

    public string? Text(string name) => Value(name)?.AsText();
}
