using System.Text.Json;
using System.Text.Json.Nodes;
using Rampart.Cli.Output;
using Rampart.Security.Oci;
using Rampart.Security.Signing.Bundles;
using Rampart.Security.Signing.Keys;

namespace Rampart.Cli.Commands;

/// <summary>What the signing commands share: input errors as exit 2, verdicts as exit 0 or 1.</summary>
internal static class SigningCli
{
    private static readonly JsonSerializerOptions JsonOutput = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Bad keys and malformed files are input errors (exit 2); a registry that fails us is a failure (exit 1).</summary>
    public static Task<int> RunAsync(Func<Task<ExitCode>> action) => CliRunner.RunAsync(async () =>
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is SigningKeyException or FormatException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is OciException or HttpRequestException)
        {
            await System.Console.Error.WriteLineAsync("rampart: registry: " + e.Message);
            return ExitCode.Failure;
        }
    });

    public static string RequireFile(string path, string what) =>
        File.Exists(path) ? path : throw new UsageException($"{path}: no such {what}");

    public static VerificationKey ReadPublicKey(string path) => VerificationKey.FromPem(File.ReadAllText(RequireFile(path, "public key file")));

    public static SigstoreBundle ReadBundle(string path)
    {
        try
        {
            return BundleJson.Parse(File.ReadAllBytes(RequireFile(path, "bundle file")));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
    }

    /// <summary>Prints the verdict (one line, or JSON) and maps it to exit 0 or 1.</summary>
    public static async Task<ExitCode> ReportAsync(bool verified, string subject, string reason, OutputFormat format, JsonObject? details = null)
    {
        if (format == OutputFormat.Json)
        {
            var json = new JsonObject { ["subject"] = subject, ["verified"] = verified, ["reason"] = reason };
            foreach (var (key, value) in details ?? [])
                json[key] = value?.DeepClone();
            await System.Console.Out.WriteLineAsync(json.ToJsonString(JsonOutput));
        }
        else if (verified)
        {
            await System.Console.Out.WriteLineAsync($"verified: {subject}: {reason}");
        }
        else
        {
            await System.Console.Error.WriteLineAsync($"rampart: verification failed: {subject}: {reason}");
        }

        return verified ? ExitCode.Success : ExitCode.Failure;
    }
}
