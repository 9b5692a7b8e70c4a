using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Structural checks a candidate must pass: checksums and encodings that random look-alikes fail.
/// Each validator takes the secret (the rule's secret group).
/// </summary>
public static class SecretValidators
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static IReadOnlyCollection<string> Names { get; } = ["github-crc32", "jwt", "basic-auth-base64", "generic"];


    public static bool IsKnown(string name) => Names.Contains(name);

    public static bool Validate(string name, string secret) => Validate(name, secret, "");

    /// <summary>Runs validator <paramref name="name"/> on <paramref name="secret"/>; <paramref name="match"/> is the whole match, for checks that read the name a value is assigned to.</summary>
    public static bool Validate(string name, string secret, string match)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(match);
        return name switch
        {
            "github-crc32" => HasGitHubChecksum(secret),
            "jwt" => IsJwt(secret),
            "basic-auth-base64" => IsBasicAuth(secret),
            "generic" => LooksGenerated(secret) && !NamesMetadata(match),
            _ => true,
        };
    }

    private static readonly string[] MetadataSuffixes =
    [
        "id", "ids", "name", "names", "type", "kind", "count", "length", "len", "size", "url", "uri", "path", "file",
        "hash", "digest", "version", "header", "field", "label", "format", "policy", "hint", "mode", "ref", "timeout",
        "ttl", "expiry", "expires", "endpoint", "regex", "pattern", "prefix", "suffix", "column", "param", "env", "var",
    ];

    /// <summary>
    /// "passwordId", "token_type", "secretName": the name holds the keyword but the value is about the
    /// secret (an id, a name, a length), not the secret itself.
    /// </summary>
    private static bool NamesMetadata(string match)
    {
        var end = match.AsSpan().IndexOfAny("=:,>\n");
        if (end <= 0)
            return false;
        var name = match.AsSpan(0, end).Trim().Trim("\"'`").TrimEnd();
        foreach (var suffix in MetadataSuffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var before = name[^(suffix.Length + 1)];
                var boundary = before is '_' or '-' or '.' || (char.IsAsciiLetterLower(before) && char.IsAsciiLetterUpper(name[^suffix.Length]));
                if (boundary || name.Length == suffix.Length)
                    return true;
            }
        }

        return false;
    }

    /// <summary>GitHub (and npm) tokens end in six base62 digits of the CRC-32 of the 30 characters before them.</summary>
    public static bool HasGitHubChecksum(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var underscore = token.LastIndexOf('_');
        var body = token.AsSpan(underscore + 1);
        if (body.Length != 36)
            return false;
        return body[30..].SequenceEqual(GitHubChecksum(body[..30]));
    }

    /// <summary>The six-character base62 checksum GitHub appends to the 30 random characters of a token.</summary>
    public static string GitHubChecksum(ReadOnlySpan<char> random)
    {
        Span<byte> bytes = stackalloc byte[random.Length * 3];
        var count = Encoding.UTF8.GetBytes(random, bytes);
        var crc = Crc32.Compute(bytes[..count]);
        Span<char> digits = stackalloc char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(digits);
    }

    private static bool IsJwt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 2)
            return false;
        return DecodesToJsonObject(parts[0], requireAlg: true) && DecodesToJsonObject(parts[1], requireAlg: false);
    }

    private static bool DecodesToJsonObject(string part, bool requireAlg)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (Base64Url.DecodeFromChars(part, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
            return false;
        try
        {
            using var doc = JsonDocument.Parse(bytes.AsMemory(0, written));
            return doc.RootElement.ValueKind == JsonValueKind.Object && (!requireAlg || doc.RootElement.TryGetProperty("alg", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsBasicAuth(string value)
    {
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var written))
            return false;
        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < text.Length - 1 && text.All(c => c >= ' ' && c != 0x7F);
    }

    /// <summary>
    /// For the generic assignment rule: a value that looks generated, not a word, identifier, path,
    /// expression or version. Requires letters and digits, no spaces, and no code-like shape.
    /// </summary>
    public static bool LooksGenerated(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < 10)
            return false;
        // Publishable and test-mode keys are meant to be seen; provider rules cover the live ones.
        if (value.StartsWith("pk_", StringComparison.Ordinal) || value.StartsWith("sk_test_", StringComparison.Ordinal) || value.StartsWith("rk_test_", StringComparison.Ordinal))
            return false;
        var letters = 0;
        var digits = 0;
        var upper = 0;
        var lower = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
                digits++;
            else if (char.IsAsciiLetter(c))
            {
                letters++;
                if (char.IsAsciiLetterUpper(c))
                    upper++;
                else
                    lower++;
            }
            else if (char.IsWhiteSpace(c) || c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or '<' or '>')
                return false;
        }

        if (letters < 2 || digits < 2)
            return false;
        // Dotted identifiers and paths: os.environ.get, config.api.key, /usr/lib/x, ./path.
        if (value[0] is '/' or '.' or '$' or '%' or '@' or '#' or '&' or '*' || value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            return false;
        // SCREAMING_CASE or snake_case names with a digit: API_KEY_V2, my_token_2.
        if (value.Contains('_', StringComparison.Ordinal) && (upper == 0 || lower == 0) && value.Split('_').All(p => p.Length is > 0 and < 12))
            return false;
        // Dotted versions and numbers: 1.2.3-beta4.
        if (value.Count(c => c == '.') >= 2 && digits * 2 >= value.Length - value.Count(c => c == '.'))
            return false;
        return ShannonEntropy.Of(value) >= 3.0;
    }
}
