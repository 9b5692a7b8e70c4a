using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

/// <summary>A node of the virtual document tree under <c>data</c>: the rules and functions defined at one path.</summary>
internal sealed class RuleNode
{
    public RuleNode(string name, RuleNode? parent)
    {
        Name = name;
        Parent = parent;
        Path = parent is null ? [] : [.. parent.Path, name];
    }

    public string Name { get; }

    public RuleNode? Parent { get; }

    public IReadOnlyList<string> Path { get; }

    public Dictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    public List<Rule> Rules { get; } = [];

    public List<Rule> Functions { get; } = [];

    public Rule? Default { get; set; }

    public Rule? DefaultFunction { get; set; }

    /// <summary>A module declares this path as its package: its value is at least <c>{}</c>.</summary>
    public bool IsPackage { get; set; }

    /// <summary>Defaults for single keys of an object built key by key (<c>default p[true] := "x"</c>).</summary>
    public List<Rule> KeyDefaults { get; } = [];

    /// <summary>A rule here was declared <c>f()</c>, so <c>f()</c> reads its value.</summary>
    public bool CallableRule { get; set; }

    public bool HasRules => Rules.Count > 0 || Default is not null || KeyDefaults.Count > 0;

    public RuleNode Child(string name)
    {
        if (!Children.TryGetValue(name, out var c))
            Children[name] = c = new RuleNode(name, this);
        return c;
    }

    public RuleNode? Find(IReadOnlyList<string> path)
    {
        var n = this;
        foreach (var p in path)
        {
            if (!n.Children.TryGetValue(p, out n))
                return null;
        }

        return n;
    }

    public override string ToString() => "data." + string.Join('.', Path);
}
