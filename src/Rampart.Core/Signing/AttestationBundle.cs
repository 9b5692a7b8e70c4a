namespace Rampart.Core.Signing;

/// <summary>One signed bundle the engine made for a run, before it is stored: its file name, what it covers, and its JSON bytes.</summary>
public sealed record AttestationBundle(string FileName, AttestationKind Kind, string Subject, ReadOnlyMemory<byte> Content);
