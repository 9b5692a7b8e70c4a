namespace Rampart.Security.Vulns.Store;

/// <summary>The index columns of an open store.</summary>
internal sealed record OsvStoreIndexData(
    long[] Offsets, int[] Lengths, long[] ModifiedTicks, byte[] Withdrawn,
    Dictionary<string, int[]> ByKey, OsvStoreInfo Info, long IdsAt, long IdsEnd);
