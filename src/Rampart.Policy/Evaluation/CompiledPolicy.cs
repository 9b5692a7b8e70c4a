using Rampart.Policy.Syntax;

namespace Rampart.Policy.Evaluation;

/// <summary>Modules after name resolution, arranged as a tree of rules under <c>data</c>.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(RuleNode root, IReadOnlyList<Module> modules)
    {
        Root = root;
        Modules = modules;
    }

    public RuleNode Root { get; }

    public IReadOnlyList<Module> Modules { get; }
}
