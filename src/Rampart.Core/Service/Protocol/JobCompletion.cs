using Rampart.Core.Runs;

namespace Rampart.Core.Service.Protocol;

/// <summary>How the job ended on the runner, and the artifacts it uploaded (by digest) before reporting.</summary>
public sealed record JobCompletion(Outcome Outcome, string? Error, IReadOnlyList<UploadedArtifact> Artifacts);

/// <summary>An artifact the runner kept: its workspace-relative name and the blob's <c>sha256:…</c> digest.</summary>
public sealed record UploadedArtifact(string Name, string Digest, long Size);
