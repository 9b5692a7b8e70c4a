using System.CommandLine;
using Rampart.Cli.Hosting;
using Rampart.Security.Sbom;
using Rampart.Security.Sbom.CycloneDx;
using Rampart.Security.Sbom.Model;
using Rampart.Security.Sbom.Spdx;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart sbom [PATH] --format cyclonedx|spdx [--output FILE]</c>: the bill of materials of a folder's lockfiles and manifests.</summary>
internal static class SbomCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder (or one lockfile) to describe (default: the current folder)", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format") { Description = "cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3 JSON)", DefaultValueFactory = _ => "cyclonedx" };
        format.AcceptOnlyFromAmong("cyclonedx", "spdx");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout" };
        var name = new Option<string?>("--name") { Description = "Subject name (default: the folder's name)" };
        var version = new Option<string?>("--subject-version") { Description = "Subject version, e.g. a commit id or release" };
        var command = new Command("sbom", "Write the SBOM of a folder: every lockfile and manifest, with purls, hashes, scopes and the dependency graph");
        command.Arguments.Add(path);
        foreach (var option in new Option[] { format, output, name, version })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(() => Task.FromResult(Execute(
            result.GetValue(path)!, result.GetValue(format)!, result.GetValue(output), result.GetValue(name), result.GetValue(version), cancellationToken))));
        return command;
    }

    private static ExitCode Execute(string path, string format, string? output, string? name, string? version, CancellationToken cancellationToken)
    {
        var detection = Detect(path, name, version, cancellationToken);
        if (detection is null)
            return ExitCode.UsageError;
        var options = SbomWriteOptions.Create(ToolInfo.Version);
        using var target = output is null ? System.Console.OpenStandardOutput() : File.Create(output);
        if (format == "spdx")
            SpdxWriter.Write(target, detection.Document, options);
        else
            CycloneDxWriter.Write(target, detection.Document, options);
        System.Console.Error.WriteLine($"sbom: {detection.Document.Components.Count} components from {detection.Document.Sources.Count} files{(output is null ? "" : " -> " + output)}");
        return ExitCode.Success;
    }

    /// <summary>Reads a folder; prints each unreadable file as one line and returns null when there was any.</summary>
    internal static DetectionResult? Detect(string path, string? name, string? version, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new UsageException($"{path}: no such file or folder");
        var full = Path.GetFullPath(path);
        var folderName = Path.GetFileName(Directory.Exists(full) ? full.TrimEnd('/') : Path.GetDirectoryName(full)!);
        var subject = new SbomSubject(name ?? (folderName.Length > 0 ? folderName : "root"), version, DateTimeOffset.UtcNow);
        var detection = new ComponentDetector().Detect(full, subject, cancellationToken);
        foreach (var error in detection.Errors)
            System.Console.Error.WriteLine("rampart: " + error);
        return detection.Errors.Count > 0 ? null : detection;
    }
}
