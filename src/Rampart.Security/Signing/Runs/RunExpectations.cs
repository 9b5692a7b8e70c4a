namespace Rampart.Security.Signing.Runs;

/// <summary>The source a run's provenance must name: repository URI, ref (null: not checked) and commit.</summary>
public sealed record RunExpectations(string Repository, string? Ref, string Commit);
