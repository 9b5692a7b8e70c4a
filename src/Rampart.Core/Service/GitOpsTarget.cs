namespace Rampart.Core.Service;

/// <summary>
/// A git repository (local path or URL) that Argo CD or Flux syncs from: the server writes the
/// run's verified artifacts matching <see cref="Artifacts"/> under <see cref="Directory"/> on
/// <see cref="Branch"/>, as one signed commit.
/// </summary>
public sealed record GitOpsTarget(string Repository, string Branch, string Directory, string Artifacts);
