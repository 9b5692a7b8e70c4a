namespace Rampart.Engine.Source;

/// <summary>
/// The commit a run builds. <see cref="ProjectPath"/> is the folder holding <c>.rampart/</c>,
/// relative to the repository root ("" when it is the root), so a pipeline may live in a sub-folder.
/// </summary>
public sealed record SourceRevision(string RepositoryRoot, string ProjectPath, string Ref, string Commit, string? Branch, bool Dirty)
{
    public string PipelinePath => ProjectPath.Length == 0 ? ".rampart/pipeline.yml" : ProjectPath + "/.rampart/pipeline.yml";
}
