using System.Security.Cryptography;

namespace Shop.Integrations;

public sealed class StorageClient
{
    // Known test vector from the RFC, not a credential.
    private const string Sha256OfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static readonly Guid ContainerId = Guid.Parse("{{uuid}}");
    private const string ApiVersion = "2023-11-03";

    private const string LegacyConnection =
        "DefaultEndpointsProtocol=https;AccountName=shopassets;AccountKey=[[S:azure-storage-account-key]]{{b:86}}==[[/S]];EndpointSuffix=core.windows.net";

    public string PasswordHashAlgorithm { get; } = "PBKDF2-SHA256";
    public string TokenEndpoint { get; } = "https://login.example/oauth2/v2.0/token";

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static bool Verify(string token, string expected) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(token), Convert.FromBase64String(expected));
}
