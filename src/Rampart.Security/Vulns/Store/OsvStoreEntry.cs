namespace Rampart.Security.Vulns.Store;

/// <summary>One row of the store's index.</summary>
internal sealed record OsvStoreEntry(string Id, DateTimeOffset Modified, long Offset, int Length, bool Withdrawn, string[] Keys);
