namespace Rampart.Core.Audit.Storage;

/// <summary>A row of the entries table, as stored (not yet checked).</summary>
public sealed record StoredEntry(long Index, byte[] Body, byte[] LeafHash);
