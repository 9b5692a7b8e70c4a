using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>
/// OPA's path-conflict check between the base documents and the rules: a rule may not be defined
/// where <c>data</c> already holds a value, nor below a path where <c>data</c> holds a non-object.
/// </summary>
internal static class DataConflicts
{
    public static void Check(RuleNode root, Value data)
    {
        if (data is ObjectValue { Count: > 0 })
            Walk(root, data);
    }

    private static void Walk(RuleNode node, Value? data)
    {
        foreach (var child in node.Children.Values)
        {
            if (data is not null and not ObjectValue)
                throw Conflict(child);
            var childData = (data as ObjectValue)?.Get(child.Name);
            if (childData is null)
                continue;
            if (child.HasRules || child.Functions.Count > 0 || child.DefaultFunction is not null)
                throw Conflict(child);
            Walk(child, childData);
        }
    }

    private static RegoException Conflict(RuleNode node) =>
        new("rego_compile_error", $"conflicting rule for data path {string.Join('/', node.Path)} found");
}
