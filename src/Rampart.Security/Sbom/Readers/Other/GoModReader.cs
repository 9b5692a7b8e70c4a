using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Other;

/// <summary>
/// <c>go.mod</c>: <c>require</c> lines (single and blocks; <c>// indirect</c> marks transitive ones since
/// Go 1.17) with <c>replace</c> directives applied; a replacement by a local path drops the module.
/// The <c>go</c> toolchain itself is recorded as <c>stdlib</c>, as OSV names it.
/// </summary>
public sealed class GoModReader : ILockfileReader
{
    public string Id => "go-mod";

    public bool Matches(string fileName) => fileName.Equals("go.mod", StringComparison.Ordinal);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var requires = new List<(string Module, string Version, bool Indirect)>();
        var replaces = new Dictionary<string, (string Module, string? Version)?>(StringComparer.Ordinal);
        string? block = null;
        foreach (var raw in input.ReadText().Split('\n'))
        {
            var comment = raw.IndexOf("//", StringComparison.Ordinal);
            var indirect = comment >= 0 && raw[comment..].Contains("indirect", StringComparison.Ordinal);
            var line = (comment >= 0 ? raw[..comment] : raw).Trim();
            if (line.Length == 0)
                continue;
            if (line == ")")
            {
                block = null;
                continue;
            }

            var words = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words[^1] == "(")
            {
                block = words[0];
                continue;
            }

            var verb = block ?? words[0];
            var args = block is null ? words[1..] : words;
            if (verb == "require" && args.Length >= 2)
                requires.Add((Unquote(args[0]), args[1], indirect));
            else if (verb == "replace" && Array.IndexOf(args, "=>") is var arrow and > 0)
            {
                var target = args[(arrow + 1)..];
                replaces[Unquote(args[0]) + (arrow == 2 ? "@" + args[1] : "")] =
                    target.Length >= 2 ? (Unquote(target[0]), target[1]) : target.Length == 1 && !IsLocal(target[0]) ? (Unquote(target[0]), null) : null;
            }
            else if (verb == "module" || verb == "go" || verb == "toolchain" || verb == "exclude" || verb == "retract" || verb == "require" || verb == "replace" || verb == "godebug" || verb == "tool" || verb == "ignore")
            {
                continue;
            }
            else if (block is null)
            {
                throw new LockfileException(input.DisplayPath, $"unknown directive '{verb}'");
            }
        }

        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (module, version, indirect) in requires)
        {
            var replaced = replaces.TryGetValue(module + "@" + version, out var exact) ? exact
                : replaces.TryGetValue(module, out var any) ? any : (module, version);
            if (replaced is not var (name, newVersion))
                continue;
            found.Add(ComponentFactory.Create(Ecosystems.Go, name, newVersion ?? version, input.DisplayPath) with { Direct = !indirect });
        }

        return found.Build();
    }

    private static bool IsLocal(string path) => path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith('/');

    private static string Unquote(string text) => text.Trim('"', '`');
}
