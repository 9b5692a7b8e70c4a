namespace Rampart.Security.Ledger.Notes;

/// <summary>One signature line: key name, key hash, and base64 of (key hash ‖ signature).</summary>
public sealed record NoteSignature(string Name, uint KeyHash, string Base64);
