using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rampart.Server.Access;

/// <summary>
/// Password hashes for people who sign in to the web UI: PBKDF2-HMAC-SHA256 with a 16-byte random
/// salt and 600,000 iterations (OWASP's 2023 floor), kept in a self-describing text form
/// <c>$pbkdf2-sha256$i=600000$SALT$HASH</c> (standard base64 without padding), so the iteration
/// count can be raised later without breaking stored hashes.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 600_000;
    private const string Tag = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MaxPasswordChars = 1024;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length > MaxPasswordChars)
            throw new ArgumentException($"a password is at most {MaxPasswordChars} characters", nameof(password));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"${Tag}$i={Iterations}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>False for a wrong password and for any stored text that is not a hash of this form.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        if (password.Length > MaxPasswordChars)
            return false;
        var parts = stored.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != Tag || !parts[2].StartsWith("i=", StringComparison.Ordinal)
            || !int.TryParse(parts[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations < Iterations || iterations > 100 * Iterations
            || Decode(parts[3]) is not { Length: >= SaltBytes } salt || Decode(parts[4]) is not { Length: HashBytes } expected)
            return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? Decode(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
