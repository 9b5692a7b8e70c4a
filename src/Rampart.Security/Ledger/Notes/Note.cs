namespace Rampart.Security.Ledger.Notes;

/// <summary>An opened note: its text, the signatures that verified, and those by keys the reader does not know.</summary>
public sealed record Note(string Text, IReadOnlyList<NoteSignature> Signatures, IReadOnlyList<NoteSignature> UnverifiedSignatures);
