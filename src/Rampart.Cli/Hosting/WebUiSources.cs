using Rampart.Core.Signing;
using Rampart.Security.Ledger;
using Rampart.Security.Vault;
using Rampart.Server.Hosting;

namespace Rampart.Cli.Hosting;

/// <summary>
/// What the server's web UI reads from the controls: the ledger's verification (wherever its rows are)
/// (redone at most every 30 seconds: a full verification reads every entry), secret names and scopes,
/// a run's attestations, and the rule documents shipped beside the program.
/// </summary>
internal sealed class WebUiSources(IAttestationStore attestations, AuditLedger ledger, SecretVault vault)
{
    private static readonly TimeSpan VerifyEvery = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private (DateTimeOffset At, LedgerSummary Summary)? _last;

    public async Task<LedgerSummary> LedgerAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_last is { } last && DateTimeOffset.UtcNow - last.At < VerifyEvery)
                return last.Summary;
        }

        var summary = await Task.Run(Verify, cancellationToken).ConfigureAwait(false);
        lock (_gate)
            _last = (DateTimeOffset.UtcNow, summary);
        return summary;
    }

    public Task<IReadOnlyList<SecretListing>> SecretsAsync(CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        IReadOnlyList<SecretListing> list = [.. vault.List().Where(s => s.Problem is null)
            .Select(s => new SecretListing(s.Name, s.Scope.Repository, s.Scope.Environment, s.Scope.Branch, s.Versions, s.Updated ?? s.Created))];
        return Task.FromResult(list);
    }

    public IReadOnlyList<AttestationRecord>? Attestations(long runId) => attestations.Read(runId);

    /// <summary><c>docs/rules</c> beside the program or in the source tree it was built from, when present.</summary>
    public static string? RuleDocs()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "docs", "rules");
            if (Directory.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private LedgerSummary Verify()
    {
        using var reader = ledger.OpenReader();
        var outcome = LedgerVerifier.Verify(reader, ledger.Verifier);
        var latest = reader.LatestCheckpoint();
        var problem = outcome.Problem is { } p ? (p.Index is { } index ? $"entry {index}: " : "") + p.Message : null;
        return new LedgerSummary(outcome.Succeeded, outcome.Entries, outcome.Checkpoints, problem, outcome.Warnings,
            latest?.Size, latest?.CreatedAt, latest?.SignedNote, ledger.Verifier.Text);
    }
}
