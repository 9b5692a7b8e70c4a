using System.CommandLine;
using System.Text;
using System.Text.Json;
using Rampart.Cli.Hosting;
using Rampart.Cli.Output;
using Rampart.Core.Findings;
using Rampart.Core.Findings.Sarif;
using Rampart.Security.Scanning.Config;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart scan config [PATH]</c>: audits CI workflows, Kubernetes manifests, Dockerfiles and
/// Terraform under PATH. Exit 1 when a finding is at or above <c>--fail-on</c>.
/// </summary>
internal static class ScanConfigCommand
{
    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "Folder (or single file) to scan (default: the current folder)", Arity = ArgumentArity.ZeroOrOne };
        var format = CommonOptions.Format();
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when a finding is at or above: info|low|medium|high|critical|never", DefaultValueFactory = _ => "high" };
        var config = new Option<string?>("--config") { Description = $"Settings file (default: PATH/{ConfigScanSettingsReader.DefaultRelativePath} when present)" };
        var kind = new Option<string[]>("--kind") { Description = "Only these kinds: workflow, kubernetes, dockerfile, terraform (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("config", "Find misconfigurations in CI workflows, Kubernetes manifests, Dockerfiles and Terraform");
        command.Arguments.Add(path);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(failOn);
        command.Options.Add(config);
        command.Options.Add(kind);
        command.SetAction((result, token) => CliRunner.RunAsync(() => Task.FromResult(Execute(
            new Request(result.GetValue(path) ?? ".", result.GetValue(format), result.GetValue(output), result.GetValue(failOn) ?? "high",
                result.GetValue(config), result.GetValue(kind) ?? []),
            result.InvocationConfiguration.Output, token))));
        return command;
    }

    internal sealed record Request(string Path, OutputFormat Format, string? Output, string FailOn, string? Config, string[] Kinds);

    internal static ExitCode Execute(Request request, TextWriter stdout, CancellationToken token)
    {
        var threshold = ParseThreshold(request.FailOn);
        var target = Path.GetFullPath(request.Path);
        string root;
        ConfigScanReport report;
        var settings = LoadSettings(request, target);
        var scanner = new ConfigScanner(settings);
        try
        {
            if (File.Exists(target))
            {
                root = Path.GetDirectoryName(target)!;
                report = scanner.ScanFiles(root, [Path.GetFileName(target)], typeOverride: null, token);
            }
            else if (Directory.Exists(target))
            {
                root = target;
                report = scanner.Scan(root, token);
            }
            else
            {
                throw new UsageException($"{request.Path}: no such file or folder");
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"{request.Path}: {e.Message}");
        }

        var text = request.Format switch
        {
            OutputFormat.Sarif => SarifWriter.ToJson(ToolInfo.Sarif, ConfigCheckCatalog.SarifRules(), report.Findings),
            OutputFormat.Json => Json(report),
            _ => Table(report),
        };
        if (request.Output is { } file)
        {
            try
            {
                File.WriteAllText(file, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--output {file}: {e.Message}");
            }
        }
        else
            stdout.Write(text);
        if (request.Format != OutputFormat.Table || request.Output is not null)
            System.Console.Error.WriteLine(Summary(report));
        return threshold is { } t && report.Findings.Any(f => f.Severity >= t) ? ExitCode.Failure : ExitCode.Success;
    }

    private static ConfigScanSettings LoadSettings(Request request, string target)
    {
        var defaultPath = Path.Combine(Directory.Exists(target) ? target : Path.GetDirectoryName(target)!, ConfigScanSettingsReader.DefaultRelativePath);
        var path = request.Config ?? (File.Exists(defaultPath) ? defaultPath : null);
        try
        {
            var settings = path is null ? ConfigScanSettings.Default : ConfigScanSettingsReader.Load(path);
            if (request.Kinds.Length > 0)
                settings = settings with { Kinds = request.Kinds.SelectMany(k => k.Split(',')).Select(k => ConfigScanSettingsReader.ParseKind(k.Trim(), "--kind")).ToHashSet() };
            return settings;
        }
        catch (ConfigSettingsException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static Severity? ParseThreshold(string text)
    {
        if (text.Equals("never", StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            return ConfigScanSettingsReader.ParseSeverity(text, "--fail-on");
        }
        catch (ConfigSettingsException e)
        {
            throw new UsageException(e.Message.Replace("critical)", "critical, never)", StringComparison.Ordinal));
        }
    }

    private static string Summary(ConfigScanReport report)
    {
        var bySeverity = report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        var counts = report.Findings.Count == 0 ? "" : $" ({string.Join(", ", bySeverity)})";
        return $"{report.FilesScanned} files scanned, {report.Findings.Count} findings{counts}, {report.Suppressed} suppressed";
    }

    private static string Table(ConfigScanReport report)
    {
        var text = new StringBuilder();
        foreach (var f in report.Findings)
        {
            text.Append(f.Location!.Path).Append(':').Append(f.Location.StartLine).Append(':').Append(f.Location.StartColumn)
                .Append(": ").Append(f.Severity.ToString().ToLowerInvariant()).Append(' ').Append(f.RuleId).Append(": ").Append(f.Message).Append('\n');
        }

        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    private static string Json(ConfigScanReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("filesScanned", report.FilesScanned);
            json.WriteNumber("suppressed", report.Suppressed);
            json.WriteStartArray("findings");
            foreach (var f in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
                json.WriteString("message", f.Message);
                json.WriteString("path", f.Location!.Path);
                json.WriteNumber("line", f.Location.StartLine);
                json.WriteNumber("column", f.Location.StartColumn);
                json.WriteString("fingerprint", f.Fingerprint);
                json.WriteString("docs", ConfigCheckCatalog.Find(f.RuleId)?.DocsPath);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
