using Rampart.Policy.Values;

namespace Rampart.Policy.Evaluation;

/// <summary>Variable bindings of one rule body (or query) while it is evaluated.</summary>
internal sealed class Frame
{
    private readonly Dictionary<string, Value> vars = new(StringComparer.Ordinal);

    public bool TryGet(string name, out Value value) => vars.TryGetValue(name, out value!);

    public bool IsBound(string name) => vars.ContainsKey(name);

    public void Bind(string name, Value value) => vars[name] = value;

    public void Unbind(string name) => vars.Remove(name);

    public IEnumerable<KeyValuePair<string, Value>> All => vars;
}
