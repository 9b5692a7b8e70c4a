using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rampart.Security.Scanning.SecretScan.Engine;

namespace Rampart.Security.Tests.SecretScan;

/// <summary>
/// Expands sample templates into fake secrets that have the providers' formats (prefixes, lengths,
/// alphabets, checksums) but were never issued by anyone. Templates keep real-looking tokens out of
/// the repository: <c>{{A:36}}</c> is 36 random letters and digits, <c>{{gh:ghp}}</c> a checksummed
/// GitHub token, <c>{{jwt}}</c> a signed-looking JWT, <c>{{pem:RSA PRIVATE KEY}}</c> a PEM block.
/// The same template and seed always give the same text.
/// </summary>
public static partial class FakeSecrets
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    private static readonly Dictionary<char, string> Alphabets = new()
    {
        ['A'] = Upper + Lower + Digits,
        ['a'] = Lower + Digits,
        ['U'] = Upper + Digits,
        ['h'] = "0123456789abcdef",
        ['H'] = "0123456789ABCDEF",
        ['d'] = Digits,
        ['b'] = Upper + Lower + Digits + "+/",
        ['u'] = Upper + Lower + Digits + "_-",
        ['l'] = Lower,
        ['L'] = Upper + Lower,
        ['z'] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        ['y'] = "abcdefghijklmnopqrstuvwxyz234567",
        ['B'] = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    };

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();

    public static string Expand(string template, int seed)
    {
        var random = new Random(seed);
        return Placeholder().Replace(template, m => Make(m.Groups[1].Value, random));
    }

    public static int Seed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    private static string Make(string spec, Random random)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? spec : spec[..colon];
        var arg = colon < 0 ? "" : spec[(colon + 1)..];
        return kind switch
        {
            "gh" => GitHub(arg, random),
            "ghbad" => GitHub(arg, random)[..^1] + "0",
            "jwt" => Jwt(random),
            "uuid" => $"{Chars('h', 8, random)}-{Chars('h', 4, random)}-4{Chars('h', 3, random)}-a{Chars('h', 3, random)}-{Chars('h', 12, random)}",
            "pem" => Pem(arg, random),
            "openssh" => OpenSsh(random),
            "putty" => Putty(random),
            "b64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(arg)),
            _ when kind.Length == 1 && Alphabets.ContainsKey(kind[0]) => Chars(kind[0], int.Parse(arg, CultureInfo.InvariantCulture), random),
            // Anything else is literal text, such as GitHub Actions' ${{ secrets.NAME }}.
            _ => "{{" + spec + "}}",
        };
    }

    public static string Chars(char kind, int length, Random random)
    {
        var alphabet = Alphabets[kind];
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        return builder.ToString();
    }

    /// <summary>prefix_ + 30 random base62 characters + their six-character CRC-32 checksum.</summary>
    public static string GitHub(string prefix, Random random)
    {
        var body = Chars('A', 30, random);
        return prefix + "_" + body + SecretValidators.GitHubChecksum(body);
    }

    private static string Jwt(Random random)
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        var payload = B64($"{{\"sub\":\"{Chars('a', 12, random)}\",\"iat\":1700000000,\"role\":\"service\"}}");
        return $"{header}.{payload}.{Chars('u', 43, random)}";
    }

    private static string Pem(string label, Random random)
    {
        var builder = new StringBuilder($"-----BEGIN {label}-----\n");
        for (var i = 0; i < 8; i++)
            builder.Append(Chars('b', 64, random)).Append('\n');
        builder.Append(Chars('b', 20, random)).Append("==\n");
        return builder.Append($"-----END {label}-----").ToString();
    }

    private static string OpenSsh(Random random)
    {
        var builder = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE");
        builder.Append(Chars('b', 51, random)).Append('\n');
        for (var i = 0; i < 5; i++)
            builder.Append(Chars('b', 70, random)).Append('\n');
        return builder.Append("-----END OPENSSH PRIVATE KEY-----").ToString();
    }

    private static string Putty(Random random) =>
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 2\n"
        + Chars('b', 64, random) + "\n" + Chars('b', 4, random) + "\nPrivate-Lines: 1\n" + Chars('b', 44, random)
        + "\nPrivate-MAC: " + Chars('h', 64, random);
}
