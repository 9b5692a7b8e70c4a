using Rampart.Core.Policy;
using Rampart.Engine.Source;
using Rampart.Security.Identity;
using Rampart.Security.Ledger;
using Rampart.Security.Vault;
using Rampart.Server.Hosting;

namespace Rampart.Cli.Hosting;

/// <summary>
/// Wires the concrete controls into the service, from its state folder: the same ledger, vault,
/// signing key, OIDC issuer, stages and policy as <c>rampart run</c>, held by the server only (the
/// ledger and the vault in the service's PostgreSQL when it runs on one).
/// </summary>
internal static class ServerComposition
{
    /// <summary>
    /// Wires the controls around <paramref name="ledger"/>, <paramref name="evidence"/> and
    /// <paramref name="vault"/> (opened by the caller, from the database setting).
    /// </summary>
    public static (ServerWiring Wiring, string? CreatedKey) Create(string state, string cacheDirectory, AuditLedger ledger, EvidenceStorages evidence, SecretVault vault)
    {
        var (signer, verifier, created) = SigningHost.Create(state, evidence.Attestations);
        var keys = new SigningKeyStore(SigningKeyStore.DirectoryIn(state));
        var issuerSettings = keys.LoadSettings();
        var ui = new WebUiSources(evidence.Attestations, ledger, vault);
        var wiring = new ServerWiring
        {
            Audit = ledger,
            Artifacts = evidence.Artifacts,
            Secrets = vault,
            Stages = BuiltInStages.For,
            IdTokens = SecurityServices.Issuer(state),
            Signer = signer,
            DeployVerifier = verifier,
            Policy = (revision, cancellationToken) => PolicyAsync(state, revision, cancellationToken),
            Oidc = issuerSettings is null ? null : new OidcRoutes(issuerSettings, keys).Route,
            CacheDirectory = cacheDirectory,
            Version = ToolInfo.Version,
            Ledger = ui.LedgerAsync,
            SecretNames = ui.SecretsAsync,
            Attestations = ui.Attestations,
            RuleDocsDirectory = WebUiSources.RuleDocs(),
        };
        return (wiring, created);
    }

    private static async Task<(IPolicyEvaluator?, IDisposable?)> PolicyAsync(string state, SourceRevision revision, CancellationToken cancellationToken)
    {
        try
        {
            var host = await PolicyHost.CreateAsync(state, revision, cancellationToken).ConfigureAwait(false);
            return (host.Policy, host);
        }
        catch (UsageException e)
        {
            throw new SourceException("policy: " + e.Message, e);
        }
    }
}
