using Rampart.Core.Identity;
using Rampart.Core.Secrets;
using Rampart.Security.Identity;
using Rampart.Security.Vault;

namespace Rampart.Cli.Hosting;

/// <summary>The vault and the OIDC issuer of a state folder, as the engine's contracts.</summary>
internal static class SecurityServices
{
    public static SecretVault Vault(string state) =>
        new(SecretVault.DirectoryIn(state), MasterKeySource.FromEnvironment());

    public static ISecretSource Secrets(string state, IReadOnlyCollection<string> overrides) =>
        new LocalSecretSource(overrides, Vault(state));

    /// <summary>The issuer, or null when <c>rampart oidc init</c> was never run for this state folder.</summary>
    public static IIdTokenIssuer? Issuer(string state)
    {
        var keys = new SigningKeyStore(SigningKeyStore.DirectoryIn(state));
        return keys.LoadSettings() is { } settings ? new OidcIssuer(settings, keys) : null;
    }
}
