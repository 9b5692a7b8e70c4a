using System.Text.RegularExpressions;

namespace Rampart.Security.Scanning.Config.Dockerfile;

/// <summary>Checks of one RUN instruction: curl | sh, sudo, package caches and unpinned packages.</summary>
internal static partial class RunAudit
{
    public static void Run(DockerInstruction run, string key, List<CheckHit> hits)
    {
        var script = run.Arguments;
        if (ShellPatterns.CurlPipeShellLine(script) >= 0)
            hits.Add(new CheckHit(DockerfileChecks.CurlPipeShell, run.Line, 1, "RUN pipes a download into a shell", key));
        if (Sudo().IsMatch(script))
            hits.Add(new CheckHit(DockerfileChecks.Sudo, run.Line, 1, "RUN uses sudo", key + ":sudo"));
        var cacheMount = script.Contains("type=cache", StringComparison.Ordinal);
        foreach (Match m in AptInstall().Matches(script))
        {
            if (!cacheMount && !script.Contains("/var/lib/apt/lists", StringComparison.Ordinal))
                hits.Add(new CheckHit(DockerfileChecks.PackageCache, run.Line, 1, "apt-get install without removing /var/lib/apt/lists", key + ":apt-cache"));
            Unpinned(Packages(m.Groups["args"].Value), p => p.Contains('=', StringComparison.Ordinal), "apt-get", run, key, hits);
        }

        foreach (Match m in ApkAdd().Matches(script))
        {
            if (!cacheMount && !m.Value.Contains("--no-cache", StringComparison.Ordinal) && !script.Contains("/var/cache/apk", StringComparison.Ordinal))
                hits.Add(new CheckHit(DockerfileChecks.PackageCache, run.Line, 1, "apk add without --no-cache", key + ":apk-cache"));
            Unpinned(Packages(m.Groups["args"].Value), p => p.Contains('=', StringComparison.Ordinal), "apk", run, key, hits);
        }

        if (YumInstall().IsMatch(script) && !cacheMount && !CleanAll().IsMatch(script) && !script.Contains("/var/cache/", StringComparison.Ordinal))
            hits.Add(new CheckHit(DockerfileChecks.PackageCache, run.Line, 1, "yum/dnf install without 'clean all'", key + ":yum-cache"));
        foreach (Match m in PipInstall().Matches(script))
        {
            var args = m.Groups["args"].Value;
            if (args.Contains(" -r ", StringComparison.Ordinal) || args.StartsWith("-r ", StringComparison.Ordinal) || args.Contains("--requirement", StringComparison.Ordinal))
                continue;
            Unpinned(Packages(args).Where(p => p is not "." && !p.StartsWith("./", StringComparison.Ordinal) && !p.StartsWith('/')),
                p => p.Contains("==", StringComparison.Ordinal) || p.Contains(".whl", StringComparison.Ordinal) || p.Contains('@', StringComparison.Ordinal), "pip", run, key, hits);
        }
    }

    private static void Unpinned(IEnumerable<string> packages, Func<string, bool> pinned, string manager, DockerInstruction run, string key, List<CheckHit> hits)
    {
        var loose = packages.Where(p => !pinned(p)).ToList();
        if (loose.Count > 0)
            hits.Add(new CheckHit(DockerfileChecks.PackageUnpinned, run.Line, 1, $"{manager} installs {string.Join(", ", loose.Take(5))} without a version", $"{key}:{manager}-pin"));
    }

    private static IEnumerable<string> Packages(string args) =>
        args.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(w => w is not ("&&" or "||" or ";" or "|") && !w.EndsWith(';'))
            .Where(w => !w.StartsWith('-') && !w.StartsWith('$') && w != "\\");

    [GeneratedRegex(@"(?:^|[\s;&|])sudo\s", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Sudo();

    [GeneratedRegex(@"\bapt(?:-get)?\s+(?:-\S+\s+)*install\b(?<args>[^;&|]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AptInstall();

    [GeneratedRegex(@"\bapk\s+(?:-\S+\s+)*add\b(?<args>[^;&|]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ApkAdd();

    [GeneratedRegex(@"\b(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*install\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex YumInstall();

    [GeneratedRegex(@"\b(?:yum|dnf|microdnf)\s+clean\s+all\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CleanAll();

    [GeneratedRegex(@"\bpip3?\s+install\b(?<args>[^;&|]*)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PipInstall();
}
