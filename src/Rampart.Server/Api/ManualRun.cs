namespace Rampart.Server.Api;

/// <summary>The body of <c>POST /api/v1/repositories/{owner}/{repo}/runs</c>: a commit id, or a ref to resolve on the remote.</summary>
internal sealed record ManualRun(string? Commit, string? Ref);
