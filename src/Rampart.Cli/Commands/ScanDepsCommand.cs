using System.CommandLine;
using Rampart.Cli.Output;
using Rampart.Cli.Hosting;
using Rampart.Core.Findings;
using Rampart.Core.Findings.Sarif;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Readers;
using Rampart.Security.Vulns;
using Rampart.Security.Vulns.Matching;
using Rampart.Security.Vulns.Store;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart scan deps [PATH] [--sbom FILE] [--format table|json|sarif] [--fail-on SEVERITY]</c>:
/// matches a folder's dependencies (or an SBOM's) against the local advisory store; exit 1 when a
/// vulnerability is at or above the threshold.
/// </summary>
internal static class ScanDepsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder (or one lockfile) to scan (default: the current folder)", DefaultValueFactory = _ => "." };
        var sbom = new Option<string?>("--sbom") { Description = "Scan the components of this CycloneDX or SPDX JSON file instead of reading lockfiles" };
        var format = new Option<string>("--format") { Description = "table, json (only JSON on stdout) or sarif (SARIF 2.1.0)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "sarif");
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a vulnerability is at or above: critical, high, medium, low, info, or never", DefaultValueFactory = _ => "low" };
        failOn.AcceptOnlyFromAmong("critical", "high", "medium", "low", "info", "never");
        var db = new Option<string?>("--db") { Description = $"Advisory store folder (default: {AdvisoryLocation.EnvironmentVariable}, else ~/.cache/rampart/osv)" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of stdout" };
        var command = new Command("deps", "Match dependencies against known vulnerabilities (OSV), offline");
        command.Arguments.Add(path);
        foreach (var option in new Option[] { sbom, format, failOn, db, output })
            command.Options.Add(option);
        command.SetAction((result, ct) => CliRunner.RunAsync(() => Task.FromResult(Execute(
            result.GetValue(path)!, result.GetValue(sbom), result.GetValue(format)!, result.GetValue(failOn)!, result.GetValue(db), result.GetValue(output), ct))));
        return command;
    }

    private static ExitCode Execute(string path, string? sbomFile, string format, string failOn, string? db, string? output, CancellationToken cancellationToken)
    {
        SbomDocument document;
        if (sbomFile is not null)
        {
            if (!File.Exists(sbomFile))
                throw new UsageException($"{sbomFile}: no such file");
            try
            {
                document = SbomFileReader.Read(sbomFile);
            }
            catch (LockfileException e)
            {
                throw new UsageException(e.Message);
            }
        }
        else
        {
            var detection = SbomCommand.Detect(path, null, null, cancellationToken);
            if (detection is null)
                return ExitCode.UsageError;
            document = detection.Document;
        }

        var folder = AdvisoryLocation.Resolve(db);
        if (!OsvStore.Exists(folder))
            throw new UsageException($"no advisory store at {folder}; run 'rampart db update' or 'rampart db import PATH' first");
        OsvStore store;
        try
        {
            store = OsvStore.Open(folder);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }

        using (store)
        {
            var matcher = new VulnerabilityMatcher(new StoreAdvisories(store));
            // A spinner only for people at a terminal; JSON and SARIF keep stdout clean.
            var found = Console.LiveStatus.IsInteractive(format == "table")
                ? Spectre.Console.AnsiConsole.Status().Start($"matching {document.Components.Count} components against {store.Info.Records} advisories…",
                    _ => matcher.Match(document.Components, cancellationToken))
                : matcher.Match(document.Components, cancellationToken);
            var matches = found
                .OrderByDescending(m => m.Severity).ThenBy(m => m.Component.Name, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            using (var target = output is null ? System.Console.OpenStandardOutput() : File.Create(output))
            {
                switch (format)
                {
                    case "json":
                        DepsReport.WriteJson(target, document, matches, store.Info);
                        break;
                    case "sarif":
                        SarifWriter.Write(target, new SarifTool("rampart", ToolInfo.Version, "https://rampart.example/docs/vulnerabilities"),
                            VulnerabilityFindings.Rules(matches), [.. matches.Select(VulnerabilityFindings.ToFinding)]);
                        break;
                    default:
                        DepsReport.WriteTable(target, document, matches, store.Info);
                        break;
                }
            }

            var threshold = Threshold(failOn);
            var blocking = threshold is null ? 0 : matches.Count(m => m.Severity >= threshold);
            System.Console.Error.WriteLine(threshold is null
                ? $"scan deps: {matches.Count} vulnerabilities; --fail-on never"
                : $"scan deps: {matches.Count} vulnerabilities, {blocking} at or above {failOn}");
            return blocking > 0 ? ExitCode.Failure : ExitCode.Success;
        }
    }

    private static Severity? Threshold(string failOn) => failOn switch
    {
        "critical" => Severity.Critical,
        "high" => Severity.High,
        "medium" => Severity.Medium,
        "low" => Severity.Low,
        "info" => Severity.Info,
        _ => null,
    };
}
