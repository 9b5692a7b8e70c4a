namespace Rampart.Core.Runs;

/// <summary>A page of runs: at most <paramref name="Limit"/>, ids below <paramref name="BeforeId"/>, optionally of one repository, pipeline and outcome.</summary>
public sealed record RunQuery(int Limit, long? BeforeId = null, string? Repository = null, string? Pipeline = null, Outcome? Status = null);
