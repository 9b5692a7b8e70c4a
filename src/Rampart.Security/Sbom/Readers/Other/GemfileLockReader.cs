using Rampart.Security.Sbom.Model;

namespace Rampart.Security.Sbom.Readers.Other;

/// <summary>
/// <c>Gemfile.lock</c>: the <c>specs:</c> lists of the GEM, GIT and PATH sections (4-space indent: a gem
/// and its version, 6-space: its dependencies) and the DEPENDENCIES section (direct gems). PATH gems are local and skipped.
/// </summary>
public sealed class GemfileLockReader : ILockfileReader
{
    public string Id => "gemfile-lock";

    public bool Matches(string fileName) => fileName.Equals("Gemfile.lock", StringComparison.Ordinal) || fileName.Equals("gems.locked", StringComparison.Ordinal);

    public IReadOnlyList<Component> Read(LockfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var gems = new List<(string Name, string Version, List<string> Deps)>();
        var direct = new HashSet<string>(StringComparer.Ordinal);
        string section = "";
        var inSpecs = false;
        foreach (var raw in input.ReadText().Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                section = line.Trim();
                inSpecs = false;
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var text = line.Trim();
            if (indent == 2 && text == "specs:")
            {
                inSpecs = true;
                continue;
            }

            if (section == "DEPENDENCIES" && indent == 2)
                direct.Add(text.Split(' ')[0].TrimEnd('!'));
            else if (inSpecs && section is "GEM" or "GIT" && indent == 4 && text.IndexOf(" (", StringComparison.Ordinal) is var open and > 0)
                gems.Add((text[..open], text[(open + 2)..].TrimEnd(')').Split('-')[0], []));
            else if (inSpecs && section is "GEM" or "GIT" && indent == 6 && gems.Count > 0)
                gems[^1].Deps.Add(text.Split(' ')[0]);
        }

        var versions = gems.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.First().Version, StringComparer.Ordinal);
        var found = new GraphBuilder(input.DisplayPath);
        foreach (var (name, version, deps) in gems)
        {
            found.Add(ComponentFactory.Create(Ecosystems.RubyGems, name, version, input.DisplayPath) with
            {
                Direct = direct.Count > 0 ? direct.Contains(name) : null,
                DependsOn = [.. deps.Where(versions.ContainsKey).Select(d => ComponentFactory.PurlFor(Ecosystems.RubyGems, d, versions[d]))],
            });
        }

        return found.Build();
    }
}
