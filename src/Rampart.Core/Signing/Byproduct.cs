using Rampart.Core.Evidence;

namespace Rampart.Core.Signing;

/// <summary>A file the run produced besides its artifacts (a step log, a stage log), named by digest in provenance.</summary>
public sealed record Byproduct(string Name, Digest Digest, string MediaType);
