namespace Rampart.Security.Ledger;

/// <summary>Where the ledger keeps its files inside a state folder.</summary>
public static class LedgerPaths
{
    public static string Database(string stateFolder) => Path.Combine(stateFolder, "ledger.db");

    /// <summary>The checkpoint signing key, mode 0600 (signed-note signer key text).</summary>
    public static string SigningKey(string stateFolder) => Path.Combine(stateFolder, "ledger.key");

    /// <summary>The matching verifier key, to publish or pin elsewhere.</summary>
    public static string VerifierKey(string stateFolder) => Path.Combine(stateFolder, "ledger.pub");
}
