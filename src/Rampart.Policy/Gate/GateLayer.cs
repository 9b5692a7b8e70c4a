using Rampart.Policy.Values;

namespace Rampart.Policy.Gate;

/// <summary>One independently compiled set of gate policies (the organisation's, or a repository's).</summary>
internal sealed record GateLayer(string Name, PreparedQuery Deny, PreparedQuery? Allow, Value Data);
