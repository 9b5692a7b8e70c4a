using Rampart.Core.Artifacts;
using Rampart.Core.Audit;
using Rampart.Core.Deploy;
using Rampart.Core.Identity;
using Rampart.Core.Policy;
using Rampart.Core.Runs;
using Rampart.Core.Secrets;
using Rampart.Core.Signing;
using Rampart.Core.Stages;
using Rampart.Engine.Source;

namespace Rampart.Server.Hosting;

/// <summary>
/// The concrete controls the host process wires into the service (the CLI is the composition root):
/// the server signs, attests and records; runners only execute.
/// </summary>
public sealed record ServerWiring
{
    public required IAuditTrail Audit { get; init; }
    public required IArtifactStore Artifacts { get; init; }

    /// <summary>The server's vault: job secrets and webhook secrets.</summary>
    public required ISecretSource Secrets { get; init; }

    /// <summary>The built-in stages of every run (secret scan, misconfiguration, dependencies…).</summary>
    public required Func<IRunStore, IReadOnlyList<IStage>> Stages { get; init; }

    public IIdTokenIssuer? IdTokens { get; init; }
    public IRunSigner? Signer { get; init; }
    public IDeployVerifier? DeployVerifier { get; init; }

    /// <summary>The gate policy for a commit, with what to dispose after the run; null policy keeps the severity gate alone.</summary>
    public Func<SourceRevision, CancellationToken, Task<(IPolicyEvaluator? Policy, IDisposable? Lifetime)>>? Policy { get; init; }

    /// <summary>Serves the OIDC issuer's discovery document and JWKS by (method, path); null when no issuer is set up.</summary>
    public Func<string, string, (int Status, byte[] Body)>? Oidc { get; init; }

    /// <summary>Where the server checks out commits to read pipeline files and run its stages.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Verifies the ledger and reads its latest checkpoint, for the web UI; null hides the ledger page's status.</summary>
    public Func<CancellationToken, Task<LedgerSummary>>? Ledger { get; init; }

    /// <summary>Lists the vault's secrets by name and scope (never values), for the web UI.</summary>
    public Func<CancellationToken, Task<IReadOnlyList<SecretListing>>>? SecretNames { get; init; }

    /// <summary>The signatures and provenance the server wrote for a run (null when none), for the web UI.</summary>
    public Func<long, IReadOnlyList<AttestationRecord>?>? Attestations { get; init; }

    /// <summary>A folder of rule documents (<c>RULE-ID.md</c>) the web UI links findings to; null when not shipped.</summary>
    public string? RuleDocsDirectory { get; init; }

    public string Version { get; init; } = "0.0.0";
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
