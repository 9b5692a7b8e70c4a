namespace Rampart.Security.Ledger.Notes;

/// <summary>
/// Finds the verifier for a signature line's key name and hash. Throws <see cref="NoteException"/>
/// with <see cref="NoteError.UnknownKey"/> or <see cref="NoteError.AmbiguousKey"/> when it cannot.
/// </summary>
public interface INoteVerifiers
{
    NoteVerifier Find(string name, uint keyHash);
}
