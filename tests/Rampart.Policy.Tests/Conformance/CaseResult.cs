namespace Rampart.Policy.Tests.Conformance;

/// <summary>The outcome of one conformance case. <see cref="Id"/> is stable: source, file, index.</summary>
internal sealed record CaseResult(string Source, string Category, string Id, string Note, bool Passed, string Detail)
{
    public bool DisabledUpstream { get; init; }
}
