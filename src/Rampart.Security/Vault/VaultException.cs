namespace Rampart.Security.Vault;

/// <summary>A vault operation failed for a reason the user can fix (missing key, bad value, corrupt entry).</summary>
public sealed class VaultException : Exception
{
    public VaultException()
    {
    }

    public VaultException(string message)
        : base(message)
    {
    }

    public VaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
