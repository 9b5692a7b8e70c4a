namespace Rampart.Security.Ledger;

/// <summary>
/// The state folder's <c>ledger.key</c> is not the key that signed the ledger's checkpoints: a
/// second writer (a replica) was given its own key instead of a copy of the ledger's.
/// </summary>
public sealed class LedgerKeyMismatchException : Exception
{
    public LedgerKeyMismatchException()
    {
    }

    public LedgerKeyMismatchException(string message)
        : base(message)
    {
    }

    public LedgerKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
