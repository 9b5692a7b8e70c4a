using System.Text.Json;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Scanning.SecretScan.Reports;

/// <summary>
/// Findings already known and accepted. Reads Rampart's JSON report, a SARIF log (the
/// <c>rampart/v1</c> partial fingerprint) or a gitleaks JSON report (its File and unredacted Secret
/// give the same fingerprint Rampart computes); only findings not in it fail a scan.
/// </summary>
public sealed class SecretBaseline
{
    private readonly HashSet<string> _fingerprints;

    private SecretBaseline(HashSet<string> fingerprints) => _fingerprints = fingerprints;

    public int Count => _fingerprints.Count;

    public bool Contains(SecretFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _fingerprints.Contains(finding.Fingerprint);
    }

    public IReadOnlyList<SecretFinding> New(IEnumerable<SecretFinding> findings) => [.. findings.Where(f => !Contains(f))];

    public static SecretBaseline Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new SecretConfigException($"{path}: no such baseline file");
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
            return new SecretBaseline(Read(doc.RootElement, path));
        }
        catch (JsonException e)
        {
            throw new SecretConfigException($"{path}: baseline is not JSON ({e.Message.Split('.')[0]})");
        }
    }

    private static HashSet<string> Read(JsonElement root, string path)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Array)
        {
            // gitleaks: [{ "File": …, "Secret": … }]
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "File") is { } file && Text(item, "Secret") is { Length: > 0 } secret)
                    set.Add(Redaction.Fingerprint(file, secret));
            }

            return set;
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in findings.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "fingerprint") is { } fingerprint)
                    set.Add(fingerprint);
            }

            return set;
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("runs", out var runs) && runs.ValueKind == JsonValueKind.Array)
        {
            foreach (var run in runs.EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                    continue;
                foreach (var result in results.EnumerateArray())
                {
                    if (result.TryGetProperty("partialFingerprints", out var fingerprints) && fingerprints.ValueKind == JsonValueKind.Object
                        && Text(fingerprints, "rampart/v1") is { } fingerprint)
                        set.Add(fingerprint);
                }
            }

            return set;
        }

        throw new SecretConfigException($"{path}: not a Rampart JSON report, SARIF log or gitleaks report");
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
