namespace Rampart.Security.Signing.InToto;

/// <summary>An artifact a statement is about: its name and digests (algorithm → lower-case hex).</summary>
public sealed record InTotoSubject(string Name, IReadOnlyDictionary<string, string> Digest)
{
    public static InTotoSubject Sha256(string name, string hex) =>
        new(name, new Dictionary<string, string>(StringComparer.Ordinal) { ["sha256"] = hex });
}
