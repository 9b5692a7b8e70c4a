namespace Rampart.Security.Ledger.Notes;

/// <summary>A note that failed to sign, parse or verify. <see cref="Note"/> holds what was parsed when that helps.</summary>
public sealed class NoteException : Exception
{
    public NoteException()
    {
    }

    public NoteException(string message)
        : base(message)
    {
    }

    public NoteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NoteException(NoteError error, string message, Note? note = null)
        : base(message)
    {
        Error = error;
        Note = note;
    }

    public NoteError Error { get; }

    public Note? Note { get; }

    internal static NoteException Malformed() => new(NoteError.Malformed, "malformed note");
}
