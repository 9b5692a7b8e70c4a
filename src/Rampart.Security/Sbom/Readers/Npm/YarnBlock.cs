namespace Rampart.Security.Sbom.Readers.Npm;

/// <summary>One entry of a yarn.lock: its descriptors, its scalar fields and its dependencies (name to range).</summary>
internal sealed record YarnBlock(string Key, IReadOnlyList<string> Descriptors, Dictionary<string, string> Fields, Dictionary<string, string> Dependencies);
