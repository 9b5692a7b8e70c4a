using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.Config.Dockerfile;

/// <summary>Audits Dockerfiles and Containerfiles.</summary>
internal sealed partial class DockerfileAnalyzer : IConfigAnalyzer
{
    public bool Handles(ConfigFileType type) => type == ConfigFileType.Dockerfile;

    public void Analyze(ConfigFile file, ScanEnvironment environment, List<CheckHit> hits)
    {
        var instructions = DockerfileParser.Parse(file.Text);
        var froms = instructions.Where(i => i.Keyword == "FROM").ToList();
        if (froms.Count == 0)
            return;
        var args = GlobalArgs(instructions);
        var stageNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var from in froms)
        {
            BaseImage(from, args, stageNames, hits);
            if (StageName().Match(from.Arguments) is { Success: true } m)
                stageNames.Add(m.Groups[1].Value);
        }

        User(instructions, froms[^1], hits);
        foreach (var instruction in instructions)
        {
            var key = $"{instruction.Keyword}@{instruction.Stage}:{Normalise(instruction.Arguments)}";
            switch (instruction.Keyword)
            {
                case "RUN":
                    RunAudit.Run(instruction, key, hits);
                    break;
                case "ADD":
                    if (RemoteSource().IsMatch(instruction.Arguments) && !instruction.Arguments.Contains("--checksum=", StringComparison.Ordinal))
                        hits.Add(new CheckHit(DockerfileChecks.AddRemote, instruction.Line, 1, "ADD downloads a URL without --checksum", key));
                    CopyAll(file, environment, instruction, key, hits);
                    break;
                case "COPY":
                    CopyAll(file, environment, instruction, key, hits);
                    break;
                case "ENV" or "ARG":
                    Secrets(instruction, hits);
                    break;
            }
        }
    }

    private static Dictionary<string, string> GlobalArgs(List<DockerInstruction> instructions)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in instructions.TakeWhile(i => i.Keyword != "FROM").Where(i => i.Keyword == "ARG"))
        {
            var eq = instruction.Arguments.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                args[instruction.Arguments[..eq].Trim()] = instruction.Arguments[(eq + 1)..].Trim().Trim('"', '\'');
        }

        return args;
    }

    private static void BaseImage(DockerInstruction from, Dictionary<string, string> args, HashSet<string> stageNames, List<CheckHit> hits)
    {
        var words = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count == 0)
            return;
        var image = Variable().Replace(words[0], m => args.TryGetValue(m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value, out var v) ? v : m.Value);
        if (image.Contains('$', StringComparison.Ordinal) || image.Equals("scratch", StringComparison.OrdinalIgnoreCase) || stageNames.Contains(image))
            return;
        var tag = ImageReference.Tag(image);
        var key = $"FROM@{from.Stage}";
        if (ImageReference.HasDigest(image))
            return;
        if (tag is null || tag == "latest")
            hits.Add(new CheckHit(DockerfileChecks.ImageTag, from.Line, 1, $"FROM {image} {(tag is null ? "has no tag" : "uses :latest")}", key));
        else
            hits.Add(new CheckHit(DockerfileChecks.ImageDigest, from.Line, 1, $"FROM {image} has no digest", key));
    }

    private static void User(List<DockerInstruction> instructions, DockerInstruction lastFrom, List<CheckHit> hits)
    {
        var user = instructions.LastOrDefault(i => i.Keyword == "USER" && i.Stage == lastFrom.Stage);
        if (user is null)
        {
            hits.Add(new CheckHit(DockerfileChecks.RootUser, lastFrom.Line, 1, "the final stage sets no USER, so the container runs as root", "user"));
            return;
        }

        var name = user.Arguments.Split(':')[0].Trim();
        if (name is "root" or "0")
            hits.Add(new CheckHit(DockerfileChecks.RootUser, user.Line, 1, $"the final stage ends with USER {user.Arguments}", "user"));
    }

    private static void CopyAll(ConfigFile file, ScanEnvironment environment, DockerInstruction instruction, string key, List<CheckHit> hits)
    {
        var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (words.Count < 2 || instruction.Arguments.Contains("--from=", StringComparison.Ordinal) || !words[..^1].Any(w => w is "." or "./"))
            return;
        var slash = file.RelativePath.LastIndexOf('/');
        var folder = file.RelativePath[..(slash + 1)];
        var name = file.RelativePath[(slash + 1)..];
        if (environment.FileExists(folder + ".dockerignore") || environment.FileExists(folder + name + ".dockerignore"))
            return;
        hits.Add(new CheckHit(DockerfileChecks.CopyAll, instruction.Line, 1, $"{instruction.Keyword} {instruction.Arguments} copies the whole build context and no .dockerignore exists next to the Dockerfile", key));
    }

    private static void Secrets(DockerInstruction instruction, List<CheckHit> hits)
    {
        foreach (var (name, value) in Pairs(instruction))
        {
            if (SafeSuffix().IsMatch(name))
                continue;
            var literal = value is not null && ShellPatterns.LooksLikeLiteralSecret(name, value);
            var secretArg = instruction.Keyword == "ARG" && value is null && SecretName().IsMatch(name);
            if (literal || secretArg)
            {
                hits.Add(new CheckHit(DockerfileChecks.SecretInEnv, instruction.Line, 1,
                    literal ? $"{instruction.Keyword} {name} holds a literal credential" : $"ARG {name} passes a secret through the build history",
                    $"{instruction.Keyword}@{instruction.Stage}:{name}"));
            }
        }
    }

    private static IEnumerable<(string Name, string? Value)> Pairs(DockerInstruction instruction)
    {
        var args = instruction.Arguments;
        if (!args.Contains('=', StringComparison.Ordinal))
        {
            var space = args.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0 ? (args, null) : (args[..space], args[(space + 1)..].Trim().Trim('"', '\''));
            yield break;
        }

        foreach (Match m in Pair().Matches(args))
            yield return (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value.Trim('"', '\'') : null);
    }

    private static string Normalise(string text) => text.Length > 80 ? text[..80] : text;

    [GeneratedRegex(@"(?i)\bAS\s+(\S+)\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex StageName();

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\$\{([A-Za-z_][A-Za-z0-9_]*):?-[^}]*\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Variable();

    [GeneratedRegex(@"(?:^|\s)(?:https?|ftp)://|(?:^|\s)git@", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RemoteSource();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_.-]*)(?:=(""[^""]*""|'[^']*'|\S*))?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pair();

    [GeneratedRegex(@"(?i)(pass(word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)$|^(?i)(aws_secret|github_token|npm_token)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?i)_(FILE|PATH|DIR|URL|ENDPOINT|VERSION|NAME|ID|TYPE)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SafeSuffix();
}
