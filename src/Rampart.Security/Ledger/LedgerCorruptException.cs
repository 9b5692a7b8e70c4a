namespace Rampart.Security.Ledger;

/// <summary>The stored ledger is not in a state the code can work with (run <c>rampart ledger verify</c>).</summary>
public sealed class LedgerCorruptException : Exception
{
    public LedgerCorruptException()
    {
    }

    public LedgerCorruptException(string message)
        : base(message)
    {
    }

    public LedgerCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
