using Rampart.Security.Ledger;

namespace Rampart.Security.Tests.Ledger.Backends;

/// <summary>What every ledger test does the same way on any storage.</summary>
public static class LedgerBackends
{
    /// <summary>Appends <paramref name="count"/> events, then closes the ledger (which signs a final checkpoint).</summary>
    public static async Task FillAsync(this ILedgerBackend backend, int count, LedgerOptions? options = null)
    {
        await using var ledger = await backend.OpenAsync(options);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => ledger.AppendAsync(TempLedgerFolder.Event(i), TestContext.Current.CancellationToken)));
    }

    public static async Task<LedgerVerification> VerifyAsync(this ILedgerBackend backend, string? savedCheckpoint = null)
    {
        using var reader = await backend.OpenReaderAsync();
        return LedgerVerifier.Verify(reader, LedgerKeyStore.LoadVerifier(backend.StateFolder)!, savedCheckpoint);
    }
}
