using System.Buffers;

namespace Rampart.Security.Scanning.SecretScan.Engine;

/// <summary>
/// Values that stand in for a secret in docs, templates and tests: EXAMPLE keys, xxxx runs,
/// ${VAR} and &lt;your-key&gt; references, repeated or sequential characters. They are never findings.
/// </summary>
internal static class Placeholders
{
    private static readonly SearchValues<string> Words = SearchValues.Create(
    [
        "example", "xxxx", "placeholder", "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword",
        "changeme", "change_me", "dummy", "sample", "fake", "redacted", "replace", "insert", "todo", "fixme",
        "${", "{{", "%(", "<%", "****", "....", "____", "----", "0000000", "1234567", "abcdefg", "qwerty",
        "notasecret", "not_a_secret", "not-a-secret", "secret123", "password123", "test123", "foobar",
    ], StringComparison.OrdinalIgnoreCase);

    // Whole values that are the name of the thing, not the thing: user:password@host.
    private static readonly HashSet<string> Exact = new(
        ["password", "passwd", "pass", "secret", "token", "changeit", "admin", "root", "username", "user", "apikey", "api_key", "null", "none", "true", "false"],
        StringComparer.OrdinalIgnoreCase);

    public static bool IsPlaceholder(ReadOnlySpan<char> secret)
    {
        if (secret.IsEmpty)
            return true;
        if (Exact.GetAlternateLookup<ReadOnlySpan<char>>().Contains(secret))
            return true;
        if (secret.IndexOfAny(Words) >= 0)
            return true;
        if (secret[0] == '<' && secret[^1] == '>')
            return true;
        if (secret[0] == '$' && secret.Length > 1 && (char.IsAsciiLetterUpper(secret[1]) || secret[1] == '_'))
            return true;
        return FewDistinct(secret);
    }

    // aaaaaaaa, abababab, 1111-2222: at most three distinct characters in a long value.
    private static bool FewDistinct(ReadOnlySpan<char> secret)
    {
        if (secret.Length < 8)
            return false;
        Span<char> seen = stackalloc char[4];
        var count = 0;
        foreach (var c in secret)
        {
            if (seen[..count].Contains(c))
                continue;
            if (count == 3)
                return false;
            seen[count++] = c;
        }

        return true;
    }
}
