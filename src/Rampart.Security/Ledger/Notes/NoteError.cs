namespace Rampart.Security.Ledger.Notes;

/// <summary>Why a signed note could not be signed, parsed or verified (the C2SP signed-note error classes).</summary>
public enum NoteError
{
    Malformed = 1,
    UnknownKey = 2,
    AmbiguousKey = 3,
    InvalidSignature = 4,
    NoVerifiedSignatures = 5,
    MismatchedVerifier = 6,
    InvalidKey = 7,
}
