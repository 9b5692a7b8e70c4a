namespace Rampart.Core.Audit.Storage;

/// <summary>Receives one stored entry (index, canonical record, leaf hash); returns false to stop.</summary>
public delegate bool LedgerEntryVisitor(long index, ReadOnlySpan<byte> body, ReadOnlySpan<byte> leafHash);
