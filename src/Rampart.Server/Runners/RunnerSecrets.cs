using System.Buffers.Text;
using System.Security.Cryptography;
using Rampart.Server.Access;

namespace Rampart.Server.Runners;

/// <summary>
/// Runner credentials (<c>rmr_</c>) and one-time registration tokens (<c>rrt_</c>): 32 random bytes,
/// shown once; the database keeps only their SHA-256, hashed and compared like API tokens.
/// </summary>
internal static class RunnerSecrets
{
    public const string CredentialPrefix = "rmr_";
    public const string RegistrationPrefix = "rrt_";

    public static string New(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => ApiTokens.HashOf(token);

    public static bool SameHash(string a, string b) => ApiTokens.HashesEqual(a, b);
}
