using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rampart.Server.Hosting;

/// <summary>
/// Reads the server's settings from a YAML file, then <c>RAMPART_SERVER_*</c> environment variables,
/// then command-line flags, each overriding the one before. Any unknown or invalid setting stops
/// start-up with one line naming its source and the allowed values.
/// </summary>
public static class ServerConfiguration
{
    public const string EnvironmentPrefix = "RAMPART_SERVER_";

    private static readonly string[] Keys =
    [
        "listen", "database", "public_url", "max_request_bytes", "max_artifact_bytes", "auth_failures_per_minute",
        "job_lease_seconds", "max_attempts", "long_poll_seconds", "replica_id", "cache_dir",
    ];

    public static IReadOnlyList<string> AllowedKeys => Keys;

    public static ServerOptions Load(string stateDirectory, string? file, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> flags)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(flags);
        var options = new ServerOptions { StateDirectory = Path.GetFullPath(stateDirectory) };
        if (file is not null)
        {
            foreach (var (key, value, where) in ReadFile(file))
                options = Apply(options, key, value, where);
        }

        foreach (var (name, value) in environment.Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)).OrderBy(e => e.Key, StringComparer.Ordinal))
            options = Apply(options, name[EnvironmentPrefix.Length..].ToLowerInvariant(), value, name);
        foreach (var (name, value) in flags)
            options = Apply(options, name, value, "--" + name.Replace('_', '-'));
        return options;
    }

    private static IEnumerable<(string Key, string Value, string Where)> ReadFile(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServerConfigurationException($"{file}: cannot read: {e.Message}", e);
        }
        catch (YamlException e)
        {
            throw new ServerConfigurationException($"{file}: line {e.Start.Line}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
            yield break;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ServerConfigurationException($"{file}: expected a mapping of settings");
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var where = $"{file}: line {keyNode.Start.Line}";
            if (valueNode is not YamlScalarNode { Value: { } value })
                throw new ServerConfigurationException($"{where}: '{keyNode}' must be a single value");
            yield return (keyNode.ToString(), value, where);
        }
    }

    private static ServerOptions Apply(ServerOptions options, string key, string value, string where) => key switch
    {
        "listen" => options with { Listen = Url(value, where) },
        "database" => options with { Database = DatabaseSetting(value, where) },
        "public_url" => options with { PublicUrl = Url(value, where) },
        "max_request_bytes" => options with { MaxRequestBytes = Number(value, where, 1024, 1L << 30) },
        "max_artifact_bytes" => options with { MaxArtifactBytes = Number(value, where, 1024, 1L << 40) },
        "auth_failures_per_minute" => options with { AuthFailuresPerMinute = (int)Number(value, where, 1, 10_000) },
        "job_lease_seconds" => options with { JobLeaseSeconds = (int)Number(value, where, 5, 3600) },
        "max_attempts" => options with { MaxAttempts = (int)Number(value, where, 1, 10) },
        "long_poll_seconds" => options with { LongPollSeconds = (int)Number(value, where, 1, 120) },
        "replica_id" => options with { ReplicaId = value.Length is > 0 and <= 100 ? value : throw Invalid(where, value, "1 to 100 characters") },
        "cache_dir" => options with { CacheDir = Folder(value, where) },
        _ => throw new ServerConfigurationException($"{where}: unknown setting '{key}' (allowed: {string.Join(", ", Keys)})"),
    };

    private static string Url(string value, string where) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath is "/" or ""
            ? value.TrimEnd('/')
            : throw Invalid(where, value, "an http:// or https:// URL with no path, e.g. http://127.0.0.1:8080");

    private static string DatabaseSetting(string value, string where) =>
        value == "sqlite" || value.StartsWith("sqlite:", StringComparison.Ordinal) && value.Length > 7
        || value.StartsWith("postgres:", StringComparison.Ordinal) && value.Length > 9
            ? value
            : throw Invalid(where, value.StartsWith("postgres", StringComparison.Ordinal) ? "postgres:…" : value, "sqlite, sqlite:PATH or postgres:CONNECTION-STRING");

    private static string Folder(string value, string where) =>
        value.Length > 0 && value.IndexOfAny(['\0', '\n']) < 0 && Path.IsPathFullyQualified(value)
            ? Path.GetFullPath(value)
            : throw Invalid(where, value, "an absolute path to a folder on local disk, e.g. /var/cache/rampart");

    private static long Number(string value, string where, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Invalid(where, value, $"a whole number from {min} to {max}");

    private static ServerConfigurationException Invalid(string where, string value, string allowed) =>
        new($"{where}: '{value}' is not valid (allowed: {allowed})");
}
