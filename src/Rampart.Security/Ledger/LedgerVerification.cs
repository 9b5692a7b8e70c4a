namespace Rampart.Security.Ledger;

/// <summary>The outcome of verifying a ledger.</summary>
/// <param name="Entries">Entries read (up to the problem, when there is one).</param>
/// <param name="Checkpoints">Stored checkpoints whose signature and root were checked.</param>
/// <param name="CoveredSize">Size of the latest checkpoint that verified (entries past it are not yet signed).</param>
/// <param name="Problem">The first thing wrong, or null when the ledger verifies.</param>
/// <param name="Warnings">Facts worth knowing that are not failures.</param>
public sealed record LedgerVerification(long Entries, int Checkpoints, long CoveredSize, LedgerProblem? Problem, IReadOnlyList<string> Warnings)
{
    public bool Succeeded => Problem is null;
}
