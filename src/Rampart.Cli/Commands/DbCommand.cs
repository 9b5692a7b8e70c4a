using System.CommandLine;
using System.Globalization;
using Rampart.Security.Vulns.Store;
using Spectre.Console;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart db import|update|status</c>: the local OSV advisory store that <c>scan deps</c> reads.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = $"Advisory store folder (default: {AdvisoryLocation.EnvironmentVariable}, else ~/.cache/rampart/osv)", Recursive = true };
        var command = new Command("db", "Manage the local OSV advisory store");
        command.Options.Add(db);

        var paths = new Argument<string[]>("path") { Description = "OSV zip files (e.g. an ecosystem's all.zip) or folders of OSV JSON", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Load OSV records from zips or folders into the store (newer 'modified' wins)");
        import.Arguments.Add(paths);
        import.SetAction((result, ct) => CliRunner.RunAsync(() => Task.FromResult(Import(AdvisoryLocation.Resolve(result.GetValue(db)), result.GetValue(paths)!, ct))));

        var baseUrl = new Option<string>("--base-url") { Description = "Where ECOSYSTEM/all.zip files are served", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RAMPART_OSV_URL") ?? OsvDownloader.DefaultBaseUrl };
        var ecosystems = new Option<string[]>("--ecosystem") { Description = "Ecosystem to download (repeatable; default: NuGet, npm, PyPI, Maven, Go, crates.io, RubyGems, Packagist)" };
        var update = new Command("update", "Download the per-ecosystem OSV dumps and import them");
        update.Options.Add(baseUrl);
        update.Options.Add(ecosystems);
        update.SetAction((result, ct) => CliRunner.RunAsync(() => UpdateAsync(AdvisoryLocation.Resolve(result.GetValue(db)), result.GetValue(baseUrl)!, result.GetValue(ecosystems), ct)));

        var status = new Command("status", "Show what the store holds and how old its data is");
        status.SetAction(result => CliRunner.Run(() => Status(AdvisoryLocation.Resolve(result.GetValue(db)))));

        command.Subcommands.Add(import);
        command.Subcommands.Add(update);
        command.Subcommands.Add(status);
        return command;
    }

    private static ExitCode Import(string folder, string[] paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new UsageException($"{path}: no such file or folder");
        }

        OsvImportResult result;
        try
        {
            result = WithProgress("importing", progress => OsvImporter.Import(folder, paths, progress, cancellationToken));
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }

        Report(folder, result);
        return ExitCode.Success;
    }

    private static async Task<ExitCode> UpdateAsync(string folder, string baseUrl, string[]? ecosystems, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new UsageException($"--base-url '{baseUrl}' is not an http(s) URL");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        try
        {
            var result = await new OsvDownloader(http).UpdateAsync(folder, uri, ecosystems is { Length: > 0 } ? ecosystems : null,
                new Progress<string>(line => System.Console.Error.WriteLine(line)), cancellationToken);
            Report(folder, result);
            return ExitCode.Success;
        }
        catch (HttpRequestException e)
        {
            throw new UsageException("update failed, store unchanged: " + e.Message);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException("update failed, store unchanged: " + e.Message);
        }
    }

    private static ExitCode Status(string folder)
    {
        if (!OsvStore.Exists(folder))
            throw new UsageException($"no advisory store at {folder}; run 'rampart db update' or 'rampart db import PATH'");
        try
        {
            using var store = OsvStore.Open(folder);
            PrintInfo(folder, store.Info);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }

        return ExitCode.Success;
    }

    private static void Report(string folder, OsvImportResult result)
    {
        foreach (var (ecosystem, count) in result.ImportedPerEcosystem.OrderBy(p => p.Key, StringComparer.Ordinal))
            System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {count,8} {ecosystem}"));
        if (result.Rejected > 0)
        {
            System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejected {result.Rejected,8} (not valid OSV records)"));
            foreach (var sample in result.RejectedSamples)
                System.Console.Error.WriteLine("  " + sample);
        }

        PrintInfo(folder, result.Store);
    }

    private static void PrintInfo(string folder, OsvStoreInfo info)
    {
        System.Console.Out.WriteLine($"store {folder}: {info.Records} records ({info.Withdrawn} withdrawn)");
        foreach (var (ecosystem, count) in info.RecordsPerEcosystem)
            System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ecosystem,-12} {count,8}"));
        System.Console.Out.WriteLine(info.NewestModified is { } newest
            ? string.Create(CultureInfo.InvariantCulture, $"newest record modified {newest:yyyy-MM-dd HH:mm}Z ({(DateTimeOffset.UtcNow - newest).TotalDays:0} days ago)")
            : "the store is empty");
    }

    private static T WithProgress<T>(string verb, Func<IProgress<long>, T> work)
    {
        if (!Console.LiveStatus.IsInteractive(true))
            return work(new Progress<long>());
        var count = 0L;
        return AnsiConsole.Status().Start($"{verb}…", context =>
        {
            var progress = new SyncProgress(n =>
            {
                count = n;
                if (n % 1000 == 0)
                    context.Status(string.Create(CultureInfo.InvariantCulture, $"{verb}: {count} records"));
            });
            return work(progress);
        });
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
