namespace Rampart.Security.Vulns.Store;

/// <summary>What an import added per ecosystem, what it refused (count and the first reasons), and the store afterwards.</summary>
public sealed record OsvImportResult(IReadOnlyDictionary<string, int> ImportedPerEcosystem, int Rejected, IReadOnlyList<string> RejectedSamples, OsvStoreInfo Store);
