using System.Text.RegularExpressions;
using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Python;

/// <summary>
/// <c>requirements*.txt</c>: pinned lines (<c>name==1.2.3</c> or <c>===</c>), extras, environment
/// markers, <c>--hash</c> options and line continuations; <c>-r</c>/<c>-c</c> includes are followed
/// (relative to the file, inside the scanned tree, each file once). Unpinned lines name no installed
/// version and are skipped: they cannot be matched exactly.
/// </summary>
public sealed partial class RequirementsTxtReader : ILockfileReader
{
    public string Id => "pip-requirements";

    public bool Matches(string fileName) =>
        fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && fileName.StartsWith("requirements", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = new GraphBuilder();
        ReadFile(input, found, new HashSet<string>(StringComparer.Ordinal), Path.GetDirectoryName(Path.GetFullPath(input.FullPath))!);
        return found.Build();
    }

    private static void ReadFile(LockfileInput input, GraphBuilder found, HashSet<string> seen, string boundary)
    {
        if (!seen.Add(Path.GetFullPath(input.FullPath)))
            return;
        var text = input.ReadText();
        if (text.Contains('\0', StringComparison.Ordinal))
            throw new LockfileException(input.DisplayPath, "binary content");
        foreach (var line in LogicalLines(text))
        {
            var include = IncludeRegex().Match(line);
            if (include.Success)
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(input.FullPath)!, include.Groups["path"].Value));
                // Includes that leave the scanned folder or do not exist are ignored, never read.
                if (target.StartsWith(boundary + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(target))
                {
                    var display = Path.Combine(Path.GetDirectoryName(input.DisplayPath) ?? "", Path.GetRelativePath(Path.GetDirectoryName(input.FullPath)!, target)).Replace('\\', '/');
                    ReadFile(new LockfileInput(target, display), found, seen, boundary);
                }

                continue;
            }

            var match = PinRegex().Match(line);
            if (!match.Success)
                continue;
            var hashes = HashRegex().Matches(line).Select(m => new ComponentHash(HashName(m.Groups["alg"].Value), m.Groups["hex"].Value.ToLowerInvariant()))
                .Where(h => h.Algorithm.Length > 0).DistinctBy(h => h.Algorithm).ToList();
            found.Add(ComponentFactory.Create(Ecosystems.PyPI, match.Groups["name"].Value, match.Groups["version"].Value, input.DisplayPath) with
            {
                Direct = true,
                Hashes = hashes,
            });
        }
    }

    private static string HashName(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        "sha256" => "SHA-256",
        "sha384" => "SHA-384",
        "sha512" => "SHA-512",
        _ => "",
    };

    /// <summary>Joins backslash continuations and drops comments (a '#' at line start or after whitespace).</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            line = pending + line;
            pending = "";
            var comment = CommentRegex().Match(line);
            yield return (comment.Success ? line[..comment.Index] : line).Trim();
        }

        if (pending.Length > 0)
            yield return pending.Trim();
    }

    [GeneratedRegex(@"^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(?<path>\S+)")]
    private static partial Regex IncludeRegex();

    [GeneratedRegex(@"^(?<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*={2,3}\s*(?<version>[A-Za-z0-9][A-Za-z0-9.+!_-]*)\s*(?:$|;|\s|,)")]
    private static partial Regex PinRegex();

    [GeneratedRegex(@"--hash[=\s](?<alg>sha256|sha384|sha512):(?<hex>[0-9a-fA-F]{64,128})\b")]
    private static partial Regex HashRegex();

    [GeneratedRegex(@"(^|\s)#")]
    private static partial Regex CommentRegex();
}
