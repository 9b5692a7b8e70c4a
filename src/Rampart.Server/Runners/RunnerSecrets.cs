using System.Security.Cryptography;
using System.Text;

namespace Rampart.Server.Runners;

/// <summary>
/// Runner credentials (<c>rmr_</c>) and one-time registration tokens (<c>rrt_</c>): 32 random bytes,
/// shown once; the database keeps only their SHA-256.
/// </summary>
internal static class RunnerSecrets
{
    public const string CredentialPrefix = "rmr_";
    public const string RegistrationPrefix = "rrt_";

    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Compares two hashes without leaking, through timing, how much of them matched.</summary>
    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
