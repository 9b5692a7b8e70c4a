using System.CommandLine;
using Rampart.Cli.Console;
using Rampart.Security.Scanning.SecretScan;
using Rampart.Security.Scanning.SecretScan.Config;
using Rampart.Security.Scanning.SecretScan.Engine;
using Rampart.Security.Scanning.SecretScan.Reports;
using Rampart.Security.Scanning.SecretScan.Sources;

namespace Rampart.Cli.Commands;

/// <summary>
/// <c>rampart scan secrets [PATH] [--history] [--since REV] …</c>: exit 0 when nothing new is found,
/// 1 when findings remain after the baseline, 2 on usage or input errors.
/// </summary>
internal static class ScanSecretsCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Folder (or git repository) to scan; - for standard input", DefaultValueFactory = _ => "." };
        var history = new Option<bool>("--history") { Description = "Scan every line added by every commit on every ref instead of the working tree" };
        var since = new Option<string?>("--since") { Description = "With history: only commits not reachable from REV (implies --history)" };
        var format = ScanCommand.Format();
        var output = ScanCommand.Output();
        var baseline = new Option<string?>("--baseline") { Description = "An earlier JSON report, SARIF log or gitleaks report: its findings do not fail the scan" };
        var config = new Option<string?>("--config") { Description = "Rules file in gitleaks TOML (default: .rampart/secrets.toml at PATH, else the built-in rules)" };
        var decode = new Option<int>("--decode-depth") { Description = "Decode base64/hex blobs and scan inside them, this many levels deep", DefaultValueFactory = _ => 0 };
        var maxSize = new Option<int>("--max-file-mb") { Description = "Skip files larger than this many MB (0: no limit)", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noIgnore = new Option<bool>("--no-gitignore") { Description = "Also scan files that .gitignore excludes" };

        var command = new Command("secrets", "Find leaked credentials in files, git history or standard input");
        command.Arguments.Add(path);
        foreach (var option in new Option[] { history, since, format, output, baseline, config, decode, maxSize, threads, noIgnore })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => CliRunner.RunAsync(() => ExecuteAsync(
            new Settings(
                result.GetValue(path)!,
                result.GetValue(history) || result.GetValue(since) is not null,
                result.GetValue(since),
                ScanCommand.FormatOf(result.GetValue(format)!),
                result.GetValue(output),
                result.GetValue(baseline),
                result.GetValue(config),
                result.GetValue(decode),
                result.GetValue(maxSize),
                result.GetValue(threads),
                !result.GetValue(noIgnore)),
            cancellationToken)));
        return command;
    }

    private static async Task<ExitCode> ExecuteAsync(Settings s, CancellationToken cancellationToken)
    {
        if (s.DecodeDepth is < 0 or > 5)
            throw new UsageException("--decode-depth must be between 0 and 5");
        if (s.Threads < 1)
            throw new UsageException("--threads must be at least 1");
        if (s.MaxFileMb < 0)
            throw new UsageException("--max-file-mb must not be negative");
        var stdin = s.Path == "-";
        if (stdin && s.History)
            throw new UsageException("--history needs a repository path, not standard input");
        if (!stdin && !Directory.Exists(s.Path))
            throw new UsageException(File.Exists(s.Path) ? $"{s.Path}: a folder is expected; pipe a single file with: rampart scan secrets - < {s.Path}" : $"{s.Path}: no such folder");

        try
        {
            var (rules, _) = SecretScanConfig.Resolve(s.Config, stdin ? null : s.Path);
            var baseline = s.Baseline is null ? null : SecretBaseline.Load(s.Baseline);
            var engine = new SecretScanEngine(rules, new SecretScanOptions
            {
                DecodeDepth = s.DecodeDepth,
                MaxFileBytes = s.MaxFileMb * 1024L * 1024L,
                Threads = s.Threads,
                RespectGitIgnore = s.RespectGitIgnore,
            });
            using var progress = ScanProgressLine.Start(s.History ? "commits" : "files");
            var result = stdin
                ? await engine.ScanStreamAsync(System.Console.OpenStandardInput(), new ScanTarget("stdin"), cancellationToken)
                : s.History
                    ? await engine.ScanHistoryAsync(s.Path, HistoryRange.After(s.Since), progress, cancellationToken)
                    : await engine.ScanDirectoryAsync(s.Path, progress, cancellationToken);
            progress?.Dispose();
            var remaining = baseline?.New(result.Findings) ?? result.Findings;
            var shown = result with { Findings = remaining };
            await WriteReportAsync(s, rules, shown, result.Findings.Count - remaining.Count);
            return remaining.Count == 0 ? ExitCode.Success : ExitCode.Failure;
        }
        catch (Exception e) when (e is SecretConfigException or HistoryException or DirectoryNotFoundException)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static async Task WriteReportAsync(Settings s, Security.Scanning.SecretScan.Rules.SecretRuleSet rules, SecretScanResult result, int baselined)
    {
        Stream target = s.Output is null ? System.Console.OpenStandardOutput() : File.Create(s.Output);
        await using (target)
        {
            switch (s.Format)
            {
                case ScanFormat.Json:
                    SecretJsonReport.Write(target, result);
                    break;
                case ScanFormat.Sarif:
                    SecretSarif.Write(target, rules, result.Findings);
                    break;
                default:
                    await using (var writer = new StreamWriter(target, leaveOpen: true))
                        SecretTable.Write(writer, result, baselined);
                    break;
            }
        }

        if (s.Output is not null || s.Format != ScanFormat.Table)
        {
            var summary = result.Findings.Count == 0 ? "no new secrets found" : $"{result.Findings.Count} secret(s) found";
            await System.Console.Error.WriteLineAsync($"rampart: {summary}{(s.Output is null ? "" : $"; report written to {s.Output}")}");
        }
    }

    private sealed record Settings(
        string Path, bool History, string? Since, ScanFormat Format, string? Output, string? Baseline, string? Config,
        int DecodeDepth, int MaxFileMb, int Threads, bool RespectGitIgnore);
}
