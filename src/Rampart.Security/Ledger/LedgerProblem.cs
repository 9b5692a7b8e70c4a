namespace Rampart.Security.Ledger;

/// <summary>What <c>ledger verify</c> found wrong: the first entry index affected (when one can be named) and why.</summary>
public sealed record LedgerProblem(long? Index, string Message);
