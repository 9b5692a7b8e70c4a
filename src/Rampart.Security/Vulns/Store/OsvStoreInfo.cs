namespace Rampart.Security.Vulns.Store;

/// <summary>What a store holds: records per ecosystem, the newest <c>modified</c> time (the data's age) and when it was written.</summary>
public sealed record OsvStoreInfo(IReadOnlyDictionary<string, int> RecordsPerEcosystem, int Records, int Withdrawn, DateTimeOffset? NewestModified, DateTimeOffset WrittenAt);
